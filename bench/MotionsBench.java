/*
 * MotionsBench: the Rewind half of bench/motions. Drives `rewind dap` (the jar and agent of the
 * Rewind tree given, so an older build can be measured the same way) over stdio with lsp4j's client
 * on a recording of bench/motions.c, a breakpoint on its BODY line, and for each depth D (the D-th
 * hit of BODY) times each motion from there, SAMPLES times: the replay is first put back at the
 * D-th hit with rewind/seek (untimed), then the motion is sent and timed up to its stopped event.
 * Prints one line per sample: "sample MOTION DEPTH MS REQUESTS" (REQUESTS: agent requests the
 * motion cost, from rewind/position's agentRequests; -1 when the build does not report them).
 * Usage: java -cp LSP4J_JARS bench/MotionsBench.java ROOT TRACE SOURCE BODY_LINE SYSCALLS(0|1) SAMPLES D...
 */
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

public class MotionsBench {
    private static final long TIMEOUT_S = 900;

    /** rewind's own requests used here. */
    public interface Server extends IDebugProtocolServer {
        @JsonRequest("rewind/position")
        CompletableFuture<Map<String, Object>> position(Map<String, Object> args);

        @JsonRequest("rewind/seek")
        CompletableFuture<Void> seek(Map<String, Object> args);
    }

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
        String root = args[0], trace = args[1], source = args[2];
        int body = Integer.parseInt(args[3]);
        boolean syscalls = args[4].equals("1");
        int samples = Integer.parseInt(args[5]);
        List<Integer> depths = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            depths.add(Integer.parseInt(args[i]));
        }
        Process dap = new ProcessBuilder("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Drewind.root=" + root,
                "-Drewind.agent=" + root + "/native/build/rewind-agent", "-jar", root + "/dap-server/target/rewind.jar", "dap")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Client client = new Client();
        Launcher<Server> launcher = new org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher.Builder<Server>()
                .setLocalService(client).setRemoteInterface(Server.class).setInput(dap.getInputStream())
                .setOutput(dap.getOutputStream()).create();
        launcher.startListening();
        Server server = launcher.getRemoteProxy();
        try {
            start(server, client, trace, source, body);
            // where the first and second hits are: the position of the D-th follows
            String pc = topPc(server);
            long first = event(server);
            resume(server);
            expect(client, "breakpoint");
            long perRound = event(server) - first;
            for (int d : depths) {
                Map<String, Object> at = new HashMap<>();
                at.put("event", syscalls ? first + (long) (d - 1) * perRound : first);
                at.put("pc", pc);
                at.put("hitCount", syscalls ? 1 : d);
                seek(server, client, at);
                String i = evaluate(server, "i");
                if (!i.equals(String.valueOf(d - 1))) {
                    throw new IllegalStateException("at depth " + d + " i is " + i);
                }
                for (String motion : List.of("next", "stepIn", "stepOut", "stepBack", "reverseContinue")) {
                    for (int k = 0; k < samples; k++) {
                        seek(server, client, at);
                        if (motion.equals("stepOut")) {
                            stepIn(server);
                            expect(client, "step");
                        }
                        long before = requests(server);
                        long t0 = System.nanoTime();
                        String reason = run(server, motion);
                        StoppedEventArguments stop = expect(client, reason);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        long after = requests(server);
                        System.out.printf("sample %s %d %.3f %d%n", motion, d, ms, before < 0 ? -1 : after - before);
                    }
                }
            }
        } finally {
            try {
                server.disconnect(new DisconnectArguments()).get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // ended below either way
            }
            dap.getOutputStream().close();
            if (!dap.waitFor(10, TimeUnit.SECONDS)) {
                dap.destroyForcibly();
            }
        }
    }

    /** Sends the motion; the stopped reason it ends with. */
    static String run(Server server, String motion) throws Exception {
        switch (motion) {
            case "next" -> {
                NextArguments a = new NextArguments();
                a.setThreadId(1);
                get(server.next(a));
                return "step";
            }
            case "stepIn" -> {
                stepIn(server);
                return "step";
            }
            case "stepOut" -> {
                StepOutArguments a = new StepOutArguments();
                a.setThreadId(1);
                get(server.stepOut(a));
                return "step";
            }
            case "stepBack" -> {
                StepBackArguments a = new StepBackArguments();
                a.setThreadId(1);
                get(server.stepBack(a));
                return "step";
            }
            default -> {
                ReverseContinueArguments a = new ReverseContinueArguments();
                a.setThreadId(1);
                get(server.reverseContinue(a));
                return "breakpoint";
            }
        }
    }

    static void stepIn(Server server) throws Exception {
        StepInArguments a = new StepInArguments();
        a.setThreadId(1);
        get(server.stepIn(a));
    }

    static void start(Server server, Client client, String trace, String source, int body) throws Exception {
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
        at.setLine(body);
        bps.setBreakpoints(new SourceBreakpoint[] {at});
        get(server.setBreakpoints(bps));
        get(server.configurationDone(new ConfigurationDoneArguments()));
        expect(client, "breakpoint");
    }

    static void seek(Server server, Client client, Map<String, Object> at) throws Exception {
        get(server.seek(at));
        expect(client, "step");
    }

    static long event(Server server) throws Exception {
        return ((Number) get(server.position(Map.of())).get("event")).longValue();
    }

    static long requests(Server server) throws Exception {
        Object n = get(server.position(Map.of())).get("agentRequests");
        return n == null ? -1 : ((Number) n).longValue();
    }

    static String topPc(Server server) throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        StackFrame[] frames = get(server.stackTrace(st)).getStackFrames();
        return frames[0].getInstructionPointerReference();
    }

    static String evaluate(Server server, String expression) throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        StackFrame[] frames = get(server.stackTrace(st)).getStackFrames();
        EvaluateArguments e = new EvaluateArguments();
        e.setExpression(expression);
        e.setFrameId(frames[0].getId());
        e.setContext("watch");
        return get(server.evaluate(e)).getResult();
    }

    static void resume(Server server) throws Exception {
        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        get(server.continue_(c));
    }

    static StoppedEventArguments expect(Client client, String reason) throws Exception {
        StoppedEventArguments a = client.stops.poll(TIMEOUT_S, TimeUnit.SECONDS);
        if (a == null) {
            throw new IllegalStateException("no stop within " + TIMEOUT_S + " s (waiting for " + reason + ")");
        }
        if (!a.getReason().equals(reason)) {
            throw new IllegalStateException("stopped for " + a.getReason() + " (" + a.getDescription() + "), expected " + reason);
        }
        return a;
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
