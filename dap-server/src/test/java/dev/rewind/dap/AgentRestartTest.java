/*
 * AgentRestartTest: the replay agent killed with SIGKILL in the middle of a DAP session. The
 * session starts a new agent and comes back to the user's stop: the same frames and values, the
 * same stops afterwards (continue, stepBack, reverseContinue) as before the kill; a stale reference
 * to a value is a clean error; source, function and data breakpoints stay armed (the same stops to
 * the end as an uninterrupted session); at the entry and at the end; on an indexed recording from
 * its nearest snapshot; killed during a continue, the replay stops where the user was; an agent
 * that dies again within the same request ends the session (terminated), never a loop. The agent
 * is found as this JVM's child process named rewind-agent; none is left behind.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.agent.AgentLocator;
import dev.rewind.dap.TravelClient.State;
import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.InvalidatedEventArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class AgentRestartTest {
    @TempDir
    Path tmp;

    @AfterEach
    void noAgentLeftBehind() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!agents().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<ProcessHandle> left = agents();
        left.forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), left, "agents left behind");
    }

    @Test
    void killedAtABreakpointComesBackToTheSameStop() throws Exception {
        Path program = Debuggee.compile("travel.c", tmp, "-O0");
        String source = Debuggee.source("travel.c").toString();
        try (DapTestClient client = InProcessDap.start()) {
            launch(client, program, "unused", true);
            client.setBreakpoints(source, Debuggee.line("travel.c", "SQUARE_FIRST"),
                    Debuggee.line("travel.c", "SUM_RETURN"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            for (int hit = 2; hit <= 6; hit++) { // 4 squares, then the returns of sum_to(1) and sum_to(2)
                client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            }
            // ground truth, from this uninterrupted session: this hit, the next, a step back from this one
            State here = TravelClient.state(client);
            assertEquals("2", here.locals().get("n"), here.toString());
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            State next = TravelClient.state(client);
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals(here, TravelClient.state(client));
            TravelClient.stepBack(client); // to the call of sum_to(1): continuing meets its return first
            State steppedBack = TravelClient.state(client);
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals("1", TravelClient.state(client).locals().get("n"));
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals(here, TravelClient.state(client));
            int frameId = client.stackTrace()[0].getId();
            String sum = client.evaluate("n + rest", frameId, "watch").getResult();
            int argumentsRef = scopeRef(client, frameId, "Arguments");
            int pointeeRef = client.evaluate("&rest", frameId, "watch").getVariablesReference();
            assertTrue(pointeeRef > 0, "&rest is a pointer: it expands");
            Map<String, String> pointee = values(client, pointeeRef);

            kill(agent());

            StackFrame[] frames = client.stackTrace(); // the request that finds the agent dead
            assertEquals(here.depth(), frames.length);
            client.await("invalidated", InvalidatedEventArguments.class);
            assertTrue(client.console().contains("the replay agent died (signal 9); restarted it and returned to event "
                    + here.event()), client.console());
            assertEquals(here, TravelClient.state(client));
            assertEquals(sum, client.evaluate("n + rest", frames[0].getId(), "watch").getResult());
            // a scope of the same frame stays valid; a value's children were the dead agent's: a clean error
            assertEquals(here.locals().get("n"), values(client, argumentsRef).get("n"));
            ResponseError stale = DapTestClient.error(client.server().variables(variables(pointeeRef)));
            assertEquals(DapError.NOT_FOUND.id, DapTestClient.errorId(stale), stale.getMessage());
            int fresh = client.evaluate("&rest", frames[0].getId(), "watch").getVariablesReference();
            assertEquals(pointee, values(client, fresh));

            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals(next, TravelClient.state(client));
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals(here, TravelClient.state(client));
            TravelClient.stepBack(client);
            assertEquals(steppedBack, TravelClient.state(client));
            assertEquals(List.of(), client.all("terminated", Object.class));
        }
    }

    @Test
    void killedAtTheEntryAndAtTheEndComesBackThere() throws Exception {
        Path program = Debuggee.compile("travel.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            launch(client, program, "unused", true, true);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            State entry = TravelClient.state(client);
            kill(agent());
            assertEquals(entry, TravelClient.state(client));
            client.await("invalidated", InvalidatedEventArguments.class);
            // and once more: the new agent answered, so it may be restarted again
            kill(agent());
            assertEquals(entry, TravelClient.state(client));
            client.setBreakpoints(Debuggee.source("travel.c").toString(), Debuggee.line("travel.c", "SUM_RETURN"));
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals("1", TravelClient.state(client).locals().get("n"));
            // at the end of the recording
            client.setBreakpoints(Debuggee.source("travel.c").toString());
            client.assertStopped(TravelClient.continueToStop(client), "end");
            long end = TravelClient.event(client);
            String endFrame = client.stackTrace()[0].getName();
            kill(agent());
            assertEquals(end, TravelClient.event(client));
            assertEquals(endFrame, client.stackTrace()[0].getName());
            client.assertStopped(TravelClient.reverseContinue(client), "entry");
            assertEquals(entry, TravelClient.state(client));
            assertEquals(List.of(), client.all("terminated", Object.class));
        }
    }

    @Test
    void anIndexedRecordingComesBackFromItsNearestSnapshot() throws Exception {
        Path program = Debuggee.compile("travel.c", tmp, "-O0");
        Path trace = tmp.resolve("trace");
        ScenarioRunner.rewind(tmp, "record", "-o", trace.toString(), "--", program.toString());
        RunResult index = ScenarioRunner.rewind(tmp, "index", "--every", "9", trace.toString());
        assertEquals(0, index.exitCode(), index::describe);
        try (DapTestClient client = InProcessDap.start()) {
            client.initialize();
            DapTestClient.call(client.server().launch(Map.of("trace", trace.toString(), "workers", 1)));
            client.await("initialized", Object.class);
            client.setBreakpoints(Debuggee.source("travel.c").toString(), Debuggee.line("travel.c", "SUM_RETURN"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            State here = TravelClient.state(client);
            assertEquals("2", here.locals().get("n"), here.toString());
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            State next = TravelClient.state(client);
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals(here, TravelClient.state(client));
            int before = client.console().length();

            kill(agent());

            assertEquals(here, TravelClient.state(client));
            String after = client.console().substring(before);
            assertTrue(after.contains("replaying from the snapshot at event")
                    && after.contains("restarted it and returned to event " + here.event()), after);
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals(next, TravelClient.state(client));
        }
    }

    @Test
    void killedDuringAContinueStopsWhereTheUserWas() throws Exception {
        Path program = Debuggee.compile("hot.c", tmp, "-O0");
        String source = Debuggee.source("hot.c").toString();
        int hot = Debuggee.line("hot.c", "/* HOT */");
        try (DapTestClient client = InProcessDap.start()) {
            launch(client, program, "100000", false);
            client.setSourceBreakpoints(source, DapTestClient.breakpoint(hot, "i == 5", null, null));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            State five = TravelClient.state(client);
            assertEquals("5", five.locals().get("i"));
            // thousands of arrivals whose condition is false: the continue runs long enough to be killed
            client.setSourceBreakpoints(source, DapTestClient.breakpoint(hot, "i == 3000", null, null));
            ProcessHandle first = agent();
            DapTestClient.call(client.server().continue_(continueArgs()));
            kill(first);

            StoppedEventArguments stop = client.awaitStopped();
            client.assertStopped(stop, "breakpoint");
            assertTrue(client.console().contains("the replay agent died (signal 9); restarted it and returned to event "
                    + five.event()), client.console());
            assertEquals(five, TravelClient.state(client));

            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals("3000", TravelClient.state(client).locals().get("i"));
            assertEquals(List.of(), client.all("terminated", Object.class));
        }
    }

    @Test
    void anAgentThatDiesAgainInTheSameRequestEndsTheSession() throws Exception {
        Path program = Debuggee.compile("hot.c", tmp, "-O0");
        // the third agent started (after the recording's and the session's) is killed as it starts
        Path count = tmp.resolve("agents-started");
        Path wrapper = tmp.resolve("rewind-agent-wrapper");
        Files.writeString(wrapper, "#!/bin/sh\n"
                + "n=$(cat '" + count + "' 2>/dev/null || echo 0)\n"
                + "n=$((n + 1))\n"
                + "echo $n > '" + count + "'\n"
                + "if [ $n -ge 3 ]; then kill -KILL $$; fi\n"
                + "exec '" + AgentLocator.locate() + "' \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        try (DapTestClient client = InProcessDap.start(wrapper)) {
            launch(client, program, "50", false);
            client.setBreakpoints(Debuggee.source("hot.c").toString(), Debuggee.line("hot.c", "/* DEEP */"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");

            kill(agent());

            ResponseError e = DapTestClient.error(client.server().stackTrace(stackArgs()));
            assertEquals(DapError.AGENT_FAILED.id, DapTestClient.errorId(e), e.getMessage());
            assertTrue(e.getMessage().contains("the debugging session has ended"), e.getMessage());
            client.await("terminated", Object.class);
            assertTrue(client.console().contains("the replay agent died (signal 9) and could not be restarted: "
                    + "rewind-agent was killed by signal 9 unexpectedly; the debugging session ends"), client.console());
            assertEquals("3", Files.readString(count).strip(), "one restart was tried, not more");
            // later requests are answered, and say the session is over
            ResponseError later = DapTestClient.error(client.server().stackTrace(stackArgs()));
            assertEquals(DapError.AGENT_FAILED.id, DapTestClient.errorId(later), later.getMessage());
            assertEquals("3", Files.readString(count).strip(), "no restart after the session ended");
        }
    }

    @Test
    void functionAndDataBreakpointsStayArmed() throws Exception {
        Path program = Debuggee.compile("watch.c", tmp, "-O0");
        List<String> uninterrupted;
        try (DapTestClient client = InProcessDap.start()) {
            StoppedEventArguments first = armed(client, program);
            uninterrupted = stopsToEnd(client, first);
        }
        assertTrue(uninterrupted.stream().anyMatch(s -> s.startsWith("data breakpoint")), uninterrupted.toString());
        assertTrue(uninterrupted.stream().anyMatch(s -> s.contains(" bump:")), uninterrupted.toString());
        System.out.println("AgentRestartTest: the stops of watch.c: " + uninterrupted);
        try (DapTestClient client = InProcessDap.start()) {
            StoppedEventArguments stop = armed(client, program);
            List<String> seen = new java.util.ArrayList<>();
            // up to the second data breakpoint stop (a WATCH position: found again with the watch armed)
            int changes = 0;
            while (true) {
                seen.add(describe(client, stop));
                if (stop.getReason().equals("data breakpoint") && ++changes == 2) {
                    break;
                }
                stop = TravelClient.continueToStop(client);
            }
            kill(agent());
            client.stackTrace(); // restarts the agent
            // a client without `invalidated` events is told the stop again, to refresh its views
            client.assertStopped(client.awaitStopped(), "data breakpoint");
            assertTrue(client.console().contains("restarted it and returned to event"), client.console());
            assertEquals(seen.get(seen.size() - 1), describe(client, stop));
            seen.addAll(stopsToEnd(client, TravelClient.continueToStop(client)));
            assertEquals(uninterrupted, seen);
        }
    }

    /** watch.c launched, stopped at the loop's head, with the function bump and counter watched too. */
    private static StoppedEventArguments armed(DapTestClient client, Path program) throws Exception {
        launch(client, program, "unused", false);
        client.setBreakpoints(Debuggee.source("watch.c").toString(), Debuggee.line("watch.c", "LOOP_HEAD"));
        var fb = new org.eclipse.lsp4j.debug.FunctionBreakpoint();
        fb.setName("bump");
        var fargs = new org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments();
        fargs.setBreakpoints(new org.eclipse.lsp4j.debug.FunctionBreakpoint[] {fb});
        assertTrue(DapTestClient.call(client.server().setFunctionBreakpoints(fargs)).getBreakpoints()[0].isVerified());
        client.configurationDone();
        StoppedEventArguments stop = client.awaitStopped();
        client.assertStopped(stop, "breakpoint");
        var info = new org.eclipse.lsp4j.debug.DataBreakpointInfoArguments();
        info.setName("counter");
        info.setFrameId(client.stackTrace()[0].getId());
        String dataId = DapTestClient.call(client.server().dataBreakpointInfo(info)).getDataId();
        var db = new org.eclipse.lsp4j.debug.DataBreakpoint();
        db.setDataId(dataId);
        var dargs = new org.eclipse.lsp4j.debug.SetDataBreakpointsArguments();
        dargs.setBreakpoints(new org.eclipse.lsp4j.debug.DataBreakpoint[] {db});
        assertTrue(DapTestClient.call(client.server().setDataBreakpoints(dargs)).getBreakpoints()[0].isVerified());
        return stop;
    }

    /** Each stop from {@code first} on, continuing until the end of the recording. */
    private static List<String> stopsToEnd(DapTestClient client, StoppedEventArguments first) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        StoppedEventArguments stop = first;
        while (!stop.getReason().equals("end")) {
            out.add(describe(client, stop));
            stop = TravelClient.continueToStop(client);
        }
        return out;
    }

    private static String describe(DapTestClient client, StoppedEventArguments stop) throws Exception {
        StackFrame top = client.stackTrace()[0];
        String counter; // (not visible from every frame: a stop in libc)
        try {
            counter = client.evaluate("counter", top.getId(), "watch").getResult();
        } catch (AssertionError e) {
            counter = e.getMessage();
        }
        return stop.getReason() + " (" + stop.getDescription() + ") " + top.getName() + ":" + top.getLine()
                + " counter=" + counter + " @" + TravelClient.event(client);
    }

    /** initialize (taking `invalidated` events or not), then launch {@code program} with one argument. */
    private static void launch(DapTestClient client, Path program, String arg, boolean invalidated) throws Exception {
        launch(client, program, arg, invalidated, false);
    }

    private static void launch(DapTestClient client, Path program, String arg, boolean invalidated,
                               boolean stopOnEntry) throws Exception {
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("rewind");
        init.setClientID("rewind-tests");
        init.setLinesStartAt1(true);
        init.setColumnsStartAt1(true);
        init.setSupportsInvalidatedEvent(invalidated);
        DapTestClient.call(client.server().initialize(init));
        Map<String, Object> args = new HashMap<>();
        args.put("program", program.toString());
        args.put("args", List.of(arg));
        args.put("stopOnEntry", stopOnEntry);
        DapTestClient.call(client.server().launch(args));
        client.await("initialized", Object.class);
    }

    /** The rewind-agent processes this JVM started that are running now. */
    private static List<ProcessHandle> agents() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("/rewind-agent")).orElse(false))
                .toList();
    }

    /** The one agent of the session. */
    private static ProcessHandle agent() {
        List<ProcessHandle> all = agents();
        assertEquals(1, all.size(), () -> "agents: " + all);
        return all.get(0);
    }

    private static void kill(ProcessHandle agent) throws Exception {
        assertTrue(agent.destroyForcibly(), "SIGKILL sent");
        agent.onExit().get(30, TimeUnit.SECONDS);
    }

    private static int scopeRef(DapTestClient client, int frameId, String name) throws Exception {
        for (var s : client.scopes(frameId)) {
            if (s.getName().equals(name)) {
                return s.getVariablesReference();
            }
        }
        throw new AssertionError("no scope " + name);
    }

    private static Map<String, String> values(DapTestClient client, int reference) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (var v : client.variables(reference)) {
            out.put(v.getName(), v.getValue());
        }
        return out;
    }

    private static VariablesArguments variables(int reference) {
        VariablesArguments a = new VariablesArguments();
        a.setVariablesReference(reference);
        return a;
    }

    private static StackTraceArguments stackArgs() {
        StackTraceArguments a = new StackTraceArguments();
        a.setThreadId(StopReporter.THREAD_ID);
        return a;
    }

    private static org.eclipse.lsp4j.debug.ContinueArguments continueArgs() {
        var a = new org.eclipse.lsp4j.debug.ContinueArguments();
        a.setThreadId(StopReporter.THREAD_ID);
        return a;
    }
}
