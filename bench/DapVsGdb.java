/*
 * DapVsGdb: the Rewind half of bench/dap-vs-gdb. Drives `rewind dap` over its stdio with lsp4j's
 * client launcher (as an editor would), on a recording of native/tests/debuggee/hot.c, and prints
 * one "key value" line per measurement for the script's table:
 *   replay_ms         continue from entry to the first DEEP stop, no conditional breakpoint
 *   cond_ms           the same with a breakpoint at HOT whose condition is false (`i == -1`)
 *   latency_us K      per DEEP stop: stopped event -> stackTrace + scopes + variables(Locals) answered
 * Run by bench/dap-vs-gdb: java -cp rewind.jar bench/DapVsGdb.java REWIND TRACE SOURCE HOT DEEP STOPS
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
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;

public class DapVsGdb {
    private static final long TIMEOUT_S = 600;

    /** A stopped event and when it arrived. */
    record Arrival(StoppedEventArguments stop, long nanos) {
    }

    static final class Client implements IDebugProtocolClient {
        final BlockingQueue<Arrival> stops = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> initialized = new CompletableFuture<>();

        @Override
        public void initialized() {
            initialized.complete(null);
        }

        @Override
        public void stopped(StoppedEventArguments args) {
            stops.add(new Arrival(args, System.nanoTime()));
        }
    }

    public static void main(String[] args) throws Exception {
        String rewind = args[0], trace = args[1], source = args[2];
        int hot = Integer.parseInt(args[3]), deep = Integer.parseInt(args[4]), stops = Integer.parseInt(args[5]);
        System.out.println("replay_ms " + session(rewind, trace, source, hot, deep, false, 0));
        System.out.println("cond_ms " + session(rewind, trace, source, hot, deep, true, stops));
    }

    /** One debugging session; returns the ms from continue at entry to the first DEEP stop. */
    static double session(String rewind, String trace, String source, int hot, int deep, boolean conditional,
                          int latencyStops) throws Exception {
        Process dap = new ProcessBuilder(rewind, "dap").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Client client = new Client();
        Launcher<IDebugProtocolServer> launcher = DSPLauncher.createClientLauncher(client, dap.getInputStream(),
                dap.getOutputStream());
        launcher.startListening();
        IDebugProtocolServer server = launcher.getRemoteProxy();
        try {
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("rewind");
            init.setLinesStartAt1(true);
            get(server.initialize(init));
            Map<String, Object> launch = new HashMap<>();
            launch.put("trace", trace);
            launch.put("stopOnEntry", true);
            get(server.launch(launch));
            get(client.initialized);
            SetBreakpointsArguments bps = new SetBreakpointsArguments();
            Source src = new Source();
            src.setPath(source);
            bps.setSource(src);
            SourceBreakpoint atDeep = new SourceBreakpoint();
            atDeep.setLine(deep);
            SourceBreakpoint atHot = new SourceBreakpoint();
            atHot.setLine(hot);
            atHot.setCondition("i == -1");
            bps.setBreakpoints(conditional ? new SourceBreakpoint[] {atHot, atDeep} : new SourceBreakpoint[] {atDeep});
            get(server.setBreakpoints(bps));
            get(server.configurationDone(new ConfigurationDoneArguments()));
            expect(client, "entry");
            long t0 = System.nanoTime();
            resume(server);
            Arrival first = expect(client, "breakpoint");
            double ms = (first.nanos() - t0) / 1e6;
            Arrival at = first;
            for (int k = 0; k < latencyStops; k++) {
                long micros = editorRound(server, at.nanos());
                System.out.println("latency_us " + micros);
                if (k + 1 < latencyStops) {
                    resume(server);
                    at = expect(client, "breakpoint");
                }
            }
            return ms;
        } finally {
            try {
                server.disconnect(new DisconnectArguments()).get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the process is ended below either way
            }
            dap.getOutputStream().close();
            if (!dap.waitFor(10, TimeUnit.SECONDS)) {
                dap.destroyForcibly();
            }
        }
    }

    /** What an editor asks at a stop: the stack, the top frame's scopes, its Locals. Returns µs since the stop. */
    static long editorRound(IDebugProtocolServer server, long stoppedAt) throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        st.setStartFrame(0);
        st.setLevels(20);
        StackFrame[] frames = get(server.stackTrace(st)).getStackFrames();
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(frames[0].getId());
        Scope[] scopes = get(server.scopes(sa)).getScopes();
        VariablesArguments va = new VariablesArguments();
        va.setVariablesReference(scopes[0].getVariablesReference());
        get(server.variables(va));
        return (System.nanoTime() - stoppedAt) / 1000;
    }

    static void resume(IDebugProtocolServer server) throws Exception {
        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        get(server.continue_(c));
    }

    static Arrival expect(Client client, String reason) throws Exception {
        Arrival a = client.stops.poll(TIMEOUT_S, TimeUnit.SECONDS);
        if (a == null) {
            throw new IllegalStateException("no stop within " + TIMEOUT_S + " s (waiting for " + reason + ")");
        }
        if (!a.stop().getReason().equals(reason)) {
            throw new IllegalStateException("stopped for " + a.stop().getReason() + " (" + a.stop().getDescription()
                    + "), expected " + reason);
        }
        return a;
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
