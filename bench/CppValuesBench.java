/*
 * CppValuesBench: the Rewind half of bench/cpp-values. Drives `rewind dap` over its stdio with lsp4j's
 * client launcher (as an editor would) on a recording of bench/cppvalues.cpp, and at each of STOPS
 * stops at BENCH_STOP times one editor round: stackTrace + scopes + variables(Locals) + every
 * expandable local expanded one level (its named children and its first ELEMENTS indexed ones, as
 * gdb's `info locals` prints at most 200 elements per container). Prints "round_us N" lines.
 * Usage: java -cp LSP4J_JARS bench/CppValuesBench.java REWIND TRACE SOURCE LINE STOPS ELEMENTS
 */
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;

public class CppValuesBench {
    private static final long TIMEOUT_S = 600;

    static final class Client implements IDebugProtocolClient {
        final BlockingQueue<StoppedEventArguments> stops = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> initialized = new CompletableFuture<>();

        @Override
        public void initialized() {
            initialized.complete(null);
        }

        @Override
        public void stopped(StoppedEventArguments args) {
            stops.add(args);
        }
    }

    public static void main(String[] args) throws Exception {
        String rewind = args[0], trace = args[1], source = args[2];
        int line = Integer.parseInt(args[3]), stops = Integer.parseInt(args[4]), elements = Integer.parseInt(args[5]);
        Client client = new Client();
        Process dap = new ProcessBuilder(rewind, "dap").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            Launcher<IDebugProtocolServer> launcher = DSPLauncher.createClientLauncher(client, dap.getInputStream(),
                    dap.getOutputStream());
            launcher.startListening();
            IDebugProtocolServer server = launcher.getRemoteProxy();
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("rewind");
            init.setLinesStartAt1(true);
            get(server.initialize(init));
            Map<String, Object> launch = new HashMap<>();
            launch.put("trace", trace);
            launch.put("stopOnEntry", false);
            get(server.launch(launch));
            get(client.initialized);
            SetBreakpointsArguments bps = new SetBreakpointsArguments();
            Source src = new Source();
            src.setPath(source);
            bps.setSource(src);
            SourceBreakpoint at = new SourceBreakpoint();
            at.setLine(line);
            bps.setBreakpoints(new SourceBreakpoint[] {at});
            get(server.setBreakpoints(bps));
            get(server.configurationDone(new ConfigurationDoneArguments()));
            for (int k = 0; k < stops; k++) {
                expect(client, "breakpoint");
                System.out.println("round_us " + editorRound(server, elements));
                ContinueArguments c = new ContinueArguments();
                c.setThreadId(1);
                get(server.continue_(c));
            }
            try {
                server.disconnect(new DisconnectArguments()).get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the process is ended below either way
            }
        } finally {
            dap.getOutputStream().close();
            if (!dap.waitFor(10, TimeUnit.SECONDS)) {
                dap.destroyForcibly();
            }
        }
    }

    /** stackTrace + scopes + Locals + each expandable local one level down; µs taken. */
    static long editorRound(IDebugProtocolServer server, int elements) throws Exception {
        long t0 = System.nanoTime();
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        st.setStartFrame(0);
        st.setLevels(20);
        StackFrame[] frames = get(server.stackTrace(st)).getStackFrames();
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(frames[0].getId());
        Scope[] scopes = get(server.scopes(sa)).getScopes();
        int expanded = 0;
        for (Scope scope : scopes) {
            if (!scope.getName().equals("Locals")) {
                continue;
            }
            VariablesArguments va = new VariablesArguments();
            va.setVariablesReference(scope.getVariablesReference());
            for (Variable v : get(server.variables(va)).getVariables()) {
                if (v.getVariablesReference() <= 0) {
                    continue;
                }
                expanded++;
                VariablesArguments child = new VariablesArguments();
                child.setVariablesReference(v.getVariablesReference());
                if (v.getIndexedVariables() != null && v.getIndexedVariables() > 0) {
                    child.setFilter(VariablesArgumentsFilter.NAMED);
                    get(server.variables(child));
                    child.setFilter(VariablesArgumentsFilter.INDEXED);
                    child.setStart(0);
                    child.setCount(Math.min(elements, v.getIndexedVariables()));
                }
                get(server.variables(child));
            }
        }
        if (expanded < 2) {
            throw new IllegalStateException("the vector and the map did not expand");
        }
        return (System.nanoTime() - t0) / 1000;
    }

    static void expect(Client client, String reason) throws Exception {
        StoppedEventArguments a = client.stops.poll(TIMEOUT_S, TimeUnit.SECONDS);
        if (a == null || !a.getReason().equals(reason)) {
            throw new IllegalStateException("expected a " + reason + " stop, got " + (a == null ? "none" : a.getReason()));
        }
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
