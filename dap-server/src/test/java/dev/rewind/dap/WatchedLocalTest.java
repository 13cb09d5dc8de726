/*
 * WatchedLocalTest: a data breakpoint on a local variable (watch_local.c's acc, on a stack page
 * written all the time) going backwards: reverse-continue from the end meets exactly the changes a
 * forward run meets, in reverse order, through a loop with no syscall in it (one event) and one
 * with a syscall per iteration (the search narrowed to the last boundaries where acc differed,
 * ChangeWindow). measure() prints the time of one reverse stop for a larger loop when asked
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
            // acc of both calls of spin (the same stack slot): forwards, every change up to main's return
            client.setBreakpoints(src, Debuggee.line(FILE, "MAIN_RETURN"));
            watch(client, info(client, "acc"));
            List<String> forwards = new ArrayList<>();
            StoppedEventArguments stop = TravelClient.continueToStop(client);
            while (stop.getReason().equals("data breakpoint")) {
                forwards.add(stop.getDescription() + " " + TravelClient.state(client));
                stop = TravelClient.continueToStop(client);
            }
            StoppedEventArguments last = stop;
            assertEquals("breakpoint", stop.getReason(), () -> last.getReason() + " after " + forwards.size() + ": " + forwards.subList(Math.max(0, forwards.size() - 4), forwards.size()));
            client.setBreakpoints(src);
            // per call: acc = 0 (from what the slot held), then 6 changes (i % 3 != 2, i > 0)
            assertTrue(forwards.size() >= 13, () -> forwards.size() + " changes: " + forwards);
            List<String> backwards = new ArrayList<>();
            while (backwards.size() < forwards.size()) {
                stop = TravelClient.reverseContinue(client);
                client.assertStopped(stop, "data breakpoint");
                backwards.add(0, stop.getDescription() + " " + TravelClient.state(client));
            }
            assertEquals(forwards, backwards);
        }
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
