/*
 * DapVsGdb: the Rewind half of bench/dap-vs-gdb. Drives `rewind dap` over its stdio with lsp4j's
 * client launcher (as an editor would), on a recording of native/tests/debuggee/hot.c, and prints
 * one "key value" line per measurement for the script's table:
 *   replay_ms     continue from entry to the first DEEP stop, no conditional breakpoint
 *   latency_us    per DEEP stop: stopped event -> stackTrace + scopes + variables(Locals) answered
 *   cond_hits     conditional-breakpoint hits (at HOT, condition `i == -1`, never true) processed ...
 *   cond_ms       ... in this many ms: the whole loop, or WINDOW seconds of it (then paused, and the
 *                 hits read from the loop counter), when WINDOW > 0 and the loop takes longer
 * Usage: java -cp LSP4J_JARS bench/DapVsGdb.java REWIND TRACE SOURCE HOT DEEP STOPS WINDOW ROUNDS
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
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
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
        double window = Double.parseDouble(args[6]);
        long rounds = Long.parseLong(args[7]);
        try (Session s = new Session(rewind, trace, source, deep, null)) {
            long t0 = System.nanoTime();
            resume(s.server);
            Arrival at = expect(s.client, "breakpoint");
            System.out.println("replay_ms " + (at.nanos() - t0) / 1e6);
            for (int k = 0; k < stops; k++) {
                System.out.println("latency_us " + editorRound(s.server, at.nanos()));
                if (k + 1 < stops) {
                    resume(s.server);
                    at = expect(s.client, "breakpoint");
                }
            }
        }
        try (Session s = new Session(rewind, trace, source, deep, hot)) {
            long t0 = System.nanoTime();
            resume(s.server);
            Arrival at;
            long hits = rounds;
            if (window > 0) {
                at = s.client.stops.poll((long) (window * 1000), TimeUnit.MILLISECONDS);
                if (at == null) {
                    PauseArguments p = new PauseArguments();
                    p.setThreadId(1);
                    get(s.server.pause(p));
                    at = expect(s.client, "pause");
                    hits = loopCounter(s.server);
                }
            } else {
                at = expect(s.client, "breakpoint");
            }
            if (!at.stop().getReason().equals("breakpoint") && !at.stop().getReason().equals("pause")) {
                throw new IllegalStateException("stopped for " + at.stop().getReason());
            }
            System.out.println("cond_hits " + hits);
            System.out.println("cond_ms " + (at.nanos() - t0) / 1e6);
        }
    }

    /** main's loop counter where the replay was paused: how many rounds (hits) have run. */
    static long loopCounter(IDebugProtocolServer server) throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        for (StackFrame f : get(server.stackTrace(st)).getStackFrames()) {
            if (f.getName().equals("main")) {
                EvaluateArguments e = new EvaluateArguments();
                e.setExpression("i");
                e.setFrameId(f.getId());
                e.setContext("watch");
                return Long.parseLong(get(server.evaluate(e)).getResult());
            }
        }
        throw new IllegalStateException("paused outside main's loop");
    }

    /** One `rewind dap` process on the trace, stopped at its entry with breakpoints at DEEP and maybe HOT. */
    static final class Session implements AutoCloseable {
        final Process dap;
        final Client client = new Client();
        final IDebugProtocolServer server;

        Session(String rewind, String trace, String source, int deep, Integer hot) throws Exception {
            dap = new ProcessBuilder(rewind, "dap").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Launcher<IDebugProtocolServer> launcher = DSPLauncher.createClientLauncher(client, dap.getInputStream(),
                    dap.getOutputStream());
            launcher.startListening();
            server = launcher.getRemoteProxy();
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
            if (hot == null) {
                bps.setBreakpoints(new SourceBreakpoint[] {atDeep});
            } else {
                SourceBreakpoint atHot = new SourceBreakpoint();
                atHot.setLine(hot);
                atHot.setCondition("i == -1");
                bps.setBreakpoints(new SourceBreakpoint[] {atHot, atDeep});
            }
            get(server.setBreakpoints(bps));
            get(server.configurationDone(new ConfigurationDoneArguments()));
            expect(client, "entry");
        }

        @Override
        public void close() throws Exception {
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
