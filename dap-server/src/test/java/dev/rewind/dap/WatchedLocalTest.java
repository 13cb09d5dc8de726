/*
 * WatchedLocalTest: a data breakpoint on a local variable (watch_local.c's acc, on a stack page
 * written all the time) going backwards: reverse-continue from the end meets exactly the changes a
 * forward run meets, in reverse order, through a loop with no syscall in it (one event) and one
 * with a syscall per iteration (the search narrowed to the last boundaries where acc differed,
 * ChangeWindow); forwards, the watch ends where its frame returns. measure() prints the time of one reverse stop for a larger loop when asked
 * (-Drewind.watchLocalN=N); it asserts no timing.
 */
package dev.rewind.dap;

import static dev.rewind.dap.DataBreakpointClient.info;
import static dev.rewind.dap.DataBreakpointClient.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600)
class WatchedLocalTest {
    private static final String FILE = "watch_local.c";

    @TempDir
    Path tmp;

    @Test
    void reverseContinueMeetsTheForwardChangesInReverse() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            Map<String, Object> args = new HashMap<>();
            args.put("program", program.toString());
            args.put("args", List.of("10"));
            client.launch(args);
            String src = Debuggee.source(FILE).toString();
            client.setBreakpoints(src, Debuggee.line(FILE, "SPIN_FIRST"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            // acc of each call of spin (the same stack slot), watched anew in each call: forwards,
            // every change up to the call's return, where the watch ends
            String dataId = info(client, "acc");
            List<String> forwards = new ArrayList<>();
            for (int call = 0; call < 2; call++) {
                if (call == 1) {
                    client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
                    dataId = info(client, "acc");
                }
                watch(client, dataId);
                StoppedEventArguments stop = TravelClient.continueToStop(client);
                while (stop.getReason().equals("data breakpoint")) {
                    forwards.add(stop.getDescription() + " " + TravelClient.state(client));
                    stop = TravelClient.continueToStop(client);
                }
                assertLeft(client, stop);
            }
            client.setBreakpoints(src, Debuggee.line(FILE, "MAIN_RETURN"));
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            client.setBreakpoints(src);
            // per call: acc = 0 (from what the slot held), then 6 changes (i % 3 != 2, i > 0)
            assertTrue(forwards.size() >= 13, () -> forwards.size() + " changes: " + forwards);
            // backwards from main's return, the second call's changes up to its entry, where the
            // watch ends; then from the first call's return, the first call's
            watch(client, dataId);
            List<String> backwards = new ArrayList<>();
            for (int call = 1; call >= 0; call--) {
                if (call == 0) {
                    client.setBreakpoints(src, Debuggee.line(FILE, "SPIN_RETURN"));
                    client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
                    client.setBreakpoints(src);
                    watch(client, info(client, "acc"));
                }
                List<String> changes = new ArrayList<>();
                StoppedEventArguments stop = TravelClient.reverseContinue(client);
                while (stop.getReason().equals("data breakpoint")) {
                    changes.add(0, stop.getDescription() + " " + TravelClient.state(client));
                    stop = TravelClient.reverseContinue(client);
                }
                client.assertStopped(stop, "step");
                assertEquals(Debuggee.line(FILE, "SPIN_FIRST"), TravelClient.state(client).line());
                backwards.addAll(0, changes);
            }
            assertEquals(forwards, backwards);
        }
    }

    /**
     * Forwards, a watched local's data breakpoint ends where its frame returns (gdb's "Watchpoint N
     * deleted because the program has left the block in which its expression is valid"): the
     * replay stops there, in the caller, and the next call's stores to the same slot stop nothing.
     */
    @Test
    void theWatchEndsWhereItsFrameReturns() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            Map<String, Object> args = new HashMap<>();
            args.put("program", program.toString());
            args.put("args", List.of("10"));
            client.launch(args);
            String src = Debuggee.source(FILE).toString();
            client.setBreakpoints(src, Debuggee.line(FILE, "SPIN_RETURN"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.setBreakpoints(src, Debuggee.line(FILE, "MAIN_RETURN"));
            Breakpoint[] set = watch(client, info(client, "acc"));
            assertTrue(set[0].isVerified());
            StoppedEventArguments stop = TravelClient.continueToStop(client);
            assertLeft(client, stop);
            assertTrue(stop.getDescription().startsWith("Watchpoint " + set[0].getId() + " (acc) deleted"),
                    stop::getDescription);
            assertTrue(client.console().contains("has left the block"), client::console);
            // the second call writes the same slot: no data breakpoint is left to stop there
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals("main", TravelClient.state(client).function());
        }
    }

    /** The same after the steps that leave the frame: stepOut, and next from its last line. */
    @Test
    void aStepOutOfTheFrameEndsTheWatch() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            Map<String, Object> args = new HashMap<>();
            args.put("program", program.toString());
            args.put("args", List.of("10"));
            client.launch(args);
            String src = Debuggee.source(FILE).toString();
            client.setBreakpoints(src, Debuggee.line(FILE, "SPIN_RETURN"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            watch(client, info(client, "acc"));
            assertLeft(client, TravelClient.stepOut(client));
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint"); // the second call's return
            watch(client, info(client, "acc"));
            StoppedEventArguments stop = TravelClient.next(client);
            while (!stop.getReason().equals("step") || stop.getDescription() == null) {
                assertEquals("spin", TravelClient.state(client).function(), () -> "stepped out unnoticed");
                stop = TravelClient.next(client);
            }
            assertLeft(client, stop);
            client.setBreakpoints(src);
            client.assertStopped(TravelClient.continueToStop(client), "end");
        }
    }

    /**
     * Backwards, a watched local's changes are its frame's only: from the second call's return,
     * reverse-continue meets the second call's changes (six sums, and acc = 0 over the first
     * call's 30), then stops where that call was entered, at its first line, and drops the watch,
     * where the old search went on into the first call's stores to the same slot.
     */
    @Test
    void backwardsTheWatchEndsWhereItsFrameWasEntered() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            Map<String, Object> args = new HashMap<>();
            args.put("program", program.toString());
            args.put("args", List.of("10"));
            client.launch(args);
            String src = Debuggee.source(FILE).toString();
            client.setBreakpoints(src, Debuggee.line(FILE, "SPIN_RETURN"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            client.setBreakpoints(src);
            long callEvent = TravelClient.event(client);
            watch(client, info(client, "acc"));
            List<String> values = new ArrayList<>();
            StoppedEventArguments stop = TravelClient.reverseContinue(client);
            while (stop.getReason().equals("data breakpoint")) {
                assertEquals("spin", TravelClient.state(client).function());
                values.add(client.local("acc"));
                stop = TravelClient.reverseContinue(client);
            }
            assertEquals(List.of("30", "21", "14", "8", "4", "1", "0"),
                    values.stream().map(v -> v.split(" ")[0]).toList(),
                    values::toString);
            client.assertStopped(stop, "step");
            StoppedEventArguments entered = stop;
            assertTrue(entered.getDescription() != null && entered.getDescription().contains(
                    "deleted because the program has left the block in which its expression is valid (spin entered here"),
                    entered::getDescription);
            TravelClient.State here = TravelClient.state(client);
            assertEquals("spin", here.function());
            assertEquals(Debuggee.line(FILE, "SPIN_FIRST"), here.line());
            assertTrue(here.event() <= callEvent);
            client.assertStopped(TravelClient.reverseContinue(client), "entry");
        }
    }

    /** The stop where a watched local's frame returned: a step stop in main saying so. */
    private static void assertLeft(DapTestClient client, StoppedEventArguments stop) throws Exception {
        client.assertStopped(stop, "step");
        assertTrue(stop.getDescription() != null && stop.getDescription().contains(
                "deleted because the program has left the block in which its expression is valid"),
                stop::getDescription);
        assertEquals("main", TravelClient.state(client).function());
    }

    @Test
    void measure() throws Exception {
        String n = System.getProperty("rewind.watchLocalN");
        Assumptions.assumeTrue(n != null, "a measurement, run with -Drewind.watchLocalN=N");
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            Map<String, Object> args = new HashMap<>();
            args.put("program", program.toString());
            args.put("args", List.of(n));
            client.launch(args);
            String src = Debuggee.source(FILE).toString();
            client.setBreakpoints(src, Debuggee.line(FILE, "SPIN_RETURN"));
            client.configurationDone();
            for (int round = 0; round < 2; round++) {
                client.assertStopped(round == 0 ? client.awaitStopped() : TravelClient.continueToStop(client), "breakpoint");
                client.setBreakpoints(src);
                watch(client, info(client, "acc"));
                long t0 = System.nanoTime();
                client.assertStopped(TravelClient.reverseContinue(client), "data breakpoint");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("MEASURE round " + round + " n=" + n + ": " + ms + " ms, acc=" + client.local("acc")
                        + " i=" + client.local("i") + " event " + TravelClient.event(client));
                watch(client);
                client.setBreakpoints(src, Debuggee.line(FILE, "SPIN_RETURN"));
                client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
                client.setBreakpoints(src, Debuggee.line(FILE, "SPIN_RETURN"));
            }
        }
    }
}
