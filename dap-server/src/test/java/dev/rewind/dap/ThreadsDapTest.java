/*
 * ThreadsDapTest: debugging a multithreaded recording through the real DAP server. thread_named
 * starts two workers that name themselves (pthread_setname_np); a breakpoint in the code they run
 * stops in a worker: the stop names that thread (its recorded tid), `threads` lists every live
 * thread with its name, each thread's stack and locals are its own (the worker's through its start
 * routine, main's in main), a step stays in the thread it was asked of, and reverse-continue comes
 * back to an earlier worker hit with that hit's thread and values.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.scenarios.ScenarioRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;

class ThreadsDapTest {
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(240);
    private static final String PROGRAM = "thread_named";

    @Test
    void aWorkerBreakpointShowsEveryThreadWithItsOwnStack() {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try (DapTestClient client = InProcessDap.start()) {
                StoppedEventArguments stop = launchToStepBody(client);
                int worker = stop.getThreadId();
                assertEquals(Boolean.TRUE, stop.getAllThreadsStopped());
                Map<Integer, String> threads = threads(client);
                assertTrue(threads.size() >= 2, () -> "threads: " + threads);
                assertTrue(threads.containsKey(worker), () -> "the stop's thread " + worker + " in " + threads);
                assertTrue(threads.get(worker).startsWith("worker-"), () -> "its name: " + threads);
                assertTrue(threads.containsValue(PROGRAM), () -> "main keeps the program's name: " + threads);
                assertNotEquals(1, worker, "a thread id is the recorded tid");
                assertFalse(client.all("thread", ThreadEventArguments.class).isEmpty(), "thread events");

                List<String> workerStack = names(stackTrace(client, worker));
                assertEquals("step", workerStack.get(0), () -> "worker stack " + workerStack);
                assertEquals("worker", workerStack.get(1), () -> "worker stack " + workerStack);
                StackFrame top = stackTrace(client, worker)[0];
                String id = client.evaluate("id", top.getId(), "watch").getResult();
                assertEquals(threads.get(worker), "worker-" + id, "the worker's own argument");

                int main = threads.entrySet().stream().filter(e -> e.getValue().equals(PROGRAM))
                        .findFirst().orElseThrow().getKey();
                StackFrame[] mainStack = stackTrace(client, main);
                StackFrame mainFrame = Arrays.stream(mainStack).filter(f -> f.getName().equals("main")).findFirst()
                        .orElseThrow(() -> new AssertionError("main's stack: " + names(mainStack)));
                Map<String, String> locals = locals(client, mainFrame.getId());
                assertEquals("42", locals.get("main_local"), () -> "main's locals " + locals);
                // the worker's frames are still the worker's after main's were listed
                assertEquals(id, client.evaluate("id", top.getId(), "watch").getResult());
                assertEquals(id, locals(client, top.getId()).get("id"));
            }
        });
    }

    @Test
    void nextStaysInTheWorkerAndReverseContinueComesBack() {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try (DapTestClient client = InProcessDap.start()) {
                StoppedEventArguments first = launchToStepBody(client);
                int worker = first.getThreadId();
                String id = client.evaluate("id", stackTrace(client, worker)[0].getId(), "watch").getResult();
                String round = client.evaluate("round", stackTrace(client, worker)[0].getId(), "watch").getResult();
                client.setBreakpoints(source().toString()); // none: the nexts run free
                // next line by line through the loop's body: over the unlock, the print (a write), a
                // nanosleep made in the line itself (single steps over its syscall) and usleep (a call
                // that blocks): the other threads run meanwhile, and every step ends in this worker
                int sleepLine = line("WORKER_SLEEP");
                List<Integer> lines = new ArrayList<>();
                while (lines.size() < 12) {
                    StoppedEventArguments s = next(client, worker);
                    assertEquals(worker, s.getThreadId(), () -> "a next ends in the thread it was asked of, lines " + lines);
                    StackFrame top = stackTrace(client, worker)[0];
                    assertTrue(top.getName().equals("step") || top.getName().equals("worker"), top.getName());
                    lines.add(top.getLine());
                    if (top.getLine() == sleepLine) {
                        break;
                    }
                }
                assertTrue(lines.contains(line("WORKER_NAP")), () -> "stepped over the nanosleep line: " + lines);
                assertTrue(lines.contains(sleepLine), () -> "lines " + lines);
                StoppedEventArguments over = next(client, worker);
                assertEquals(worker, over.getThreadId(), "a next over a blocking call ends in the same thread");
                assertEquals("worker", stackTrace(client, worker)[0].getName());
                assertEquals(id, client.evaluate("id", stackTrace(client, worker)[0].getId(), "watch").getResult());

                // the breakpoint again: the next hit (this worker or the other), then back to the first
                client.setBreakpoints(source().toString(), line("STEP_BODY"));
                StoppedEventArguments later = continueToStop(client, worker);
                assertEquals("breakpoint", later.getReason());
                StoppedEventArguments back = reverseContinue(client, later.getThreadId());
                // the hit just before `later` is the first one, unless the next passed another hit
                int guard = 0;
                while (!(back.getThreadId() == worker && sameHit(client, worker, id, round))) {
                    StoppedEventArguments at = back;
                    assertEquals("breakpoint", at.getReason(), () -> "reverse-continue: " + at.getDescription());
                    back = reverseContinue(client, back.getThreadId());
                    assertTrue(++guard < 10, "comes back to the first hit");
                }
                assertEquals(threads(client).get(worker), "worker-" + id);
                assertEquals("step", stackTrace(client, worker)[0].getName());
            }
        });
    }

    @Test
    void stepBackStaysInTheWorker() {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try (DapTestClient client = InProcessDap.start()) {
                StoppedEventArguments first = launchToStepBody(client);
                int worker = first.getThreadId();
                client.setBreakpoints(source().toString()); // none: the steps run free
                List<String> there = new ArrayList<>();
                List<Integer> lines = new ArrayList<>();
                for (int i = 0; i < 4; i++) { // through step(), line by line
                    StackFrame top = stackTrace(client, worker)[0];
                    there.add(top.getName() + ":" + top.getLine() + ":"
                            + client.evaluate("id", top.getId(), "watch").getResult());
                    lines.add(top.getLine());
                    if (i < 3) {
                        assertEquals(worker, next(client, worker).getThreadId());
                    }
                }
                for (int i = 2; i >= 0; i--) {
                    StoppedEventArguments back = stepBack(client, worker);
                    assertEquals(worker, back.getThreadId(), () -> "a step back ends in its thread; " + back.getText());
                    StackFrame top = stackTrace(client, worker)[0];
                    assertEquals(there.get(i), top.getName() + ":" + top.getLine() + ":"
                            + client.evaluate("id", top.getId(), "watch").getResult(), "lines forwards " + lines);
                }
                // back out of step(): into this worker's call of it, never another thread's
                StoppedEventArguments out = stepBack(client, worker);
                assertEquals(worker, out.getThreadId(), "a step back out of a function ends in its thread");
                StackFrame caller = stackTrace(client, worker)[0];
                assertEquals("worker", caller.getName());
                assertEquals(line("WORKER_CALL"), caller.getLine());
                assertEquals(there.get(0).substring(there.get(0).lastIndexOf(':') + 1),
                        client.evaluate("id", caller.getId(), "watch").getResult());
            }
        });
    }

    /**
     * Stepping back out of step() in one worker while the other worker ran the same caller in
     * between: the step back ends in this worker's caller (the other's frames, at other stack
     * addresses, never count as this thread's callers).
     */
    @Test
    void stepBackOutOfAFunctionIgnoresTheOtherWorker() {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try (DapTestClient client = InProcessDap.start()) {
                StoppedEventArguments stop = launchToStepBody(client);
                int previous = stop.getThreadId();
                int guard = 0;
                while (true) { // a hit right after a hit in the other worker
                    StoppedEventArguments next = continueToStop(client, stop.getThreadId());
                    assertEquals("breakpoint", next.getReason(), "the workers interleave within their rounds");
                    boolean switched = next.getThreadId().intValue() != previous;
                    previous = next.getThreadId();
                    stop = next;
                    if (switched) {
                        break;
                    }
                    assertTrue(++guard < 6, "the workers interleave");
                }
                int worker = stop.getThreadId();
                String id = client.evaluate("id", stackTrace(client, worker)[0].getId(), "watch").getResult();
                String round = client.evaluate("round", stackTrace(client, worker)[0].getId(), "watch").getResult();
                client.setBreakpoints(source().toString());
                StoppedEventArguments out = stepBack(client, worker);
                assertEquals(worker, out.getThreadId(), () -> "a step back out of step() ends in its thread; "
                        + out.getReason() + " " + out.getText());
                StackFrame caller = stackTrace(client, worker)[0];
                assertEquals("worker", caller.getName());
                assertEquals(line("WORKER_CALL"), caller.getLine());
                assertEquals(id, client.evaluate("id", caller.getId(), "watch").getResult());
                assertEquals(round, client.evaluate("round", caller.getId(), "watch").getResult());
            }
        });
    }

    /** Stepping out of a worker's start routine: the thread ends; the step says so or runs on, never fails. */
    @Test
    void nextPastAWorkersEndStopsCleanly() {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try (DapTestClient client = InProcessDap.start()) {
                client.launchProgram(ScenarioRunner.scenario(PROGRAM), false);
                client.setBreakpoints(source().toString(), line("WORKER_RETURN"));
                client.configurationDone();
                StoppedEventArguments stop = client.awaitStopped();
                assertEquals("breakpoint", stop.getReason());
                int worker = stop.getThreadId();
                client.setBreakpoints(source().toString());
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 4; i++) { // to '}', out into the C library, then on
                    stop = next(client, worker);
                    seen.add(stop.getReason() + "@" + stop.getThreadId() + " " + stop.getDescription());
                    if (!stop.getReason().equals("step") || !threads(client).containsKey(worker)) {
                        break;
                    }
                }
                System.out.println("next past a worker's end: " + seen);
                StoppedEventArguments last = stop;
                assertTrue(List.of("step", "end").contains(last.getReason()), () -> "stops " + seen);
                assertFalse(client.console().contains("replay failed"), client.console());
            }
        });
    }

    @Test
    void aStepInAnotherThreadIsRefusedWithWhy() {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try (DapTestClient client = InProcessDap.start()) {
                StoppedEventArguments stop = launchToStepBody(client);
                int other = threads(client).keySet().stream().filter(t -> t != stop.getThreadId().intValue())
                        .findFirst().orElseThrow();
                NextArguments a = new NextArguments();
                a.setThreadId(other);
                String message = DapTestClient.error(client.server().next(a)).getMessage();
                assertTrue(message.contains("only the thread that runs at this moment"), message);
            }
        });
    }

    private static boolean sameHit(DapTestClient client, int worker, String id, String round) throws Exception {
        int frame = stackTrace(client, worker)[0].getId();
        return client.evaluate("id", frame, "watch").getResult().equals(id)
                && client.evaluate("round", frame, "watch").getResult().equals(round);
    }

    private static StoppedEventArguments launchToStepBody(DapTestClient client) throws Exception {
        client.launchProgram(ScenarioRunner.scenario(PROGRAM), false);
        client.setBreakpoints(source().toString(), line("STEP_BODY"));
        client.configurationDone();
        StoppedEventArguments stop = client.awaitStopped();
        assertEquals("breakpoint", stop.getReason(), () -> "stopped: " + stop.getDescription() + " " + stop.getText());
        return stop;
    }

    private static Path source() {
        return ScenarioRunner.root().resolve("native/tests/scenarios/" + PROGRAM + ".c");
    }

    private static int line(String marker) throws Exception {
        List<String> lines = Files.readAllLines(source(), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + marker + " in " + source());
    }

    private static Map<Integer, String> threads(DapTestClient client) throws Exception {
        Map<Integer, String> out = new HashMap<>();
        for (Thread t : DapTestClient.call(client.server().threads()).getThreads()) {
            out.put(t.getId(), t.getName());
        }
        return out;
    }

    private static StackFrame[] stackTrace(DapTestClient client, int thread) throws Exception {
        StackTraceArguments args = new StackTraceArguments();
        args.setThreadId(thread);
        return DapTestClient.call(client.server().stackTrace(args)).getStackFrames();
    }

    private static List<String> names(StackFrame[] frames) {
        List<String> out = new ArrayList<>();
        for (StackFrame f : frames) {
            out.add(f.getName());
        }
        return out;
    }

    private static Map<String, String> locals(DapTestClient client, int frameId) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (Scope s : client.scopes(frameId)) {
            if (s.getName().equals("Locals") || s.getName().equals("Arguments")) {
                for (Variable v : client.variables(s.getVariablesReference())) {
                    out.put(v.getName(), v.getValue());
                }
            }
        }
        return out;
    }

    private static StoppedEventArguments next(DapTestClient client, int thread) throws Exception {
        NextArguments a = new NextArguments();
        a.setThreadId(thread);
        DapTestClient.call(client.server().next(a));
        return client.awaitStopped();
    }

    private static StoppedEventArguments stepBack(DapTestClient client, int thread) throws Exception {
        org.eclipse.lsp4j.debug.StepBackArguments a = new org.eclipse.lsp4j.debug.StepBackArguments();
        a.setThreadId(thread);
        DapTestClient.call(client.server().stepBack(a));
        return client.awaitStopped();
    }

    private static StoppedEventArguments continueToStop(DapTestClient client, int thread) throws Exception {
        ContinueArguments a = new ContinueArguments();
        a.setThreadId(thread);
        DapTestClient.call(client.server().continue_(a));
        return client.awaitStopped();
    }

    private static StoppedEventArguments reverseContinue(DapTestClient client, int thread) throws Exception {
        ReverseContinueArguments a = new ReverseContinueArguments();
        a.setThreadId(thread);
        DapTestClient.call(client.server().reverseContinue(a));
        return client.awaitStopped();
    }
}
