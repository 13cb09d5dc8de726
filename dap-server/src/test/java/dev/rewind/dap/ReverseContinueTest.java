/*
 * ReverseContinueTest: ground truth from a forward run: every breakpoint hit and its variables,
 * going forwards to the end of the recording; then from the end reverse-continue must meet the
 * same stops with the same values in reverse order, and end at the start ("entry"). A loop with
 * a call in it, and recursion. Also the capabilities and rewind/position, rewind/seek.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.dap.TravelClient.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReverseContinueTest {
    @TempDir
    Path tmp;

    @Test
    void capabilitiesAnnounceTimeTravel() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            Capabilities c = client.initialize();
            assertEquals(Boolean.TRUE, c.getSupportsStepBack());
            assertEquals(Boolean.TRUE, c.getSupportsRestartFrame());
        }
    }

    @Test
    void reverseContinueRetracesALoopWithACall() throws Exception {
        retrace("travel.c", "SQUARE_FIRST", "LOOP_PRINT", "SUM_RETURN");
    }

    @Test
    void reverseContinueRetracesRecursion() throws Exception {
        retrace("fact.c", "FACT_BASE", "FACT_RETURN");
    }

    @Test
    void positionAndSeek() throws Exception {
        Path program = Debuggee.compile("travel.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, true);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            long start = TravelClient.event(client);
            Map<String, Object> body = DapTestClient.call(client.rewind().position(Map.of()));
            assertTrue(body.containsKey("totalEvents"), "launch recorded: the total is known");
            long total = ((Number) body.get("totalEvents")).longValue();
            assertTrue(total > start + 4, "events " + start + ".." + total);
            long middle = (start + total) / 2;
            DapTestClient.call(client.rewind().seek(Map.of("event", middle)));
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals(middle, TravelClient.event(client));
            DapTestClient.call(client.rewind().seek(Map.of("event", start)));
            client.assertStopped(client.awaitStopped(), "entry");
            assertEquals(start, TravelClient.event(client));
        }
    }

    @Test
    void seekPastTheEndStopsAtTheEnd() throws Exception {
        Path program = Debuggee.compile("travel.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, true);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            long total = ((Number) DapTestClient.call(client.rewind().position(Map.of())).get("totalEvents")).longValue();
            // the end as a continue reaches it
            StoppedEventArguments end = TravelClient.continueToStop(client);
            assertEquals("end", end.getReason());
            long endEvent = TravelClient.event(client);
            StackFrameSummary atEnd = StackFrameSummary.of(client);
            DapTestClient.call(client.rewind().seek(Map.of("event", 0)));
            client.assertStopped(client.awaitStopped(), "entry");
            for (long past : new long[] {total, total + 1, total + 1_000_000}) {
                DapTestClient.call(client.rewind().seek(Map.of("event", past)));
                StoppedEventArguments stop = client.awaitStopped();
                assertEquals("end", stop.getReason(), () -> "seek to " + past + ": " + stop.getDescription());
                assertEquals(end.getDescription(), stop.getDescription());
                assertEquals(endEvent, TravelClient.event(client));
                assertEquals(atEnd, StackFrameSummary.of(client));
                // and going back from there works
                client.assertStopped(TravelClient.reverseContinue(client), "entry");
            }
        }
    }

    /** The innermost frame's function and pc, to tell two end stops apart. */
    private record StackFrameSummary(String function, String pc) {
        static StackFrameSummary of(DapTestClient c) throws Exception {
            var frames = c.stackTrace();
            return new StackFrameSummary(frames[0].getName(), frames[0].getInstructionPointerReference());
        }
    }

    private void retrace(String file, String... markers) throws Exception {
        Path program = Debuggee.compile(file, tmp, "-O0");
        int[] lines = new int[markers.length];
        for (int i = 0; i < markers.length; i++) {
            lines[i] = Debuggee.line(file, markers[i]);
        }
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source(file).toString(), lines);
            client.configurationDone();
            List<State> forwards = TravelClient.hitsToEnd(client, client.awaitStopped());
            assertTrue(forwards.size() >= 3, "hits forwards: " + forwards);

            long t = System.nanoTime();
            assertEquals(forwards, TravelClient.reverseContinueToStart(client));
            long worst = System.nanoTime() - t; // all of them: a bound on the worst
            System.out.printf("reverseContinue on %s: %d hits, all in %d ms%n", file, forwards.size(), worst / 1_000_000);

            // and forwards again from the start: the same hits
            assertEquals(forwards, TravelClient.hitsToEnd(client, TravelClient.continueToStop(client)));
        }
    }
}
