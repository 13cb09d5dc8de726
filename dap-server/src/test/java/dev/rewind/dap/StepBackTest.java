/*
 * StepBackTest: stepBack lands on the previous line of the same frame, stepping over a call, and
 * from a function's first line goes to the call in the caller; restartFrame goes to where a frame
 * was entered (its first line, the arguments of that call); rewind/reverseStepOut lands in the
 * caller at the call. Each landing is compared with the state a forward run showed there.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.dap.TravelClient.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepBackTest {
    private static final String FILE = "travel.c";

    @TempDir
    Path tmp;

    @Test
    void stepBackGoesToThePreviousLineOverACall() throws Exception {
        try (DapTestClient client = stoppedAt("LOOP_CALL", 2)) {
            State atCall = TravelClient.state(client);
            assertEquals("1", atCall.locals().get("i"));
            client.assertStopped(TravelClient.next(client), "step");
            State atAdd = TravelClient.state(client);
            assertEquals(line("LOOP_ADD"), atAdd.line());
            long t = System.nanoTime();
            client.assertStopped(TravelClient.stepBack(client), "step");
            long ms = (System.nanoTime() - t) / 1_000_000;
            assertEquals(atCall, TravelClient.state(client));
            client.assertStopped(TravelClient.next(client), "step");
            assertEquals(atAdd, TravelClient.state(client));
            System.out.printf("stepBack over a call: %d ms%n", ms);
        }
    }

    @Test
    void stepBackInAForLoopRetracesTheForwardNextSequence() throws Exception {
        try (DapTestClient client = stoppedAt("LOOP_PRINT", 1)) {
            // forwards: LOOP_PRINT, fflush, the for line (its increment, mid-line), LOOP_CALL of i=1
            List<State> forwards = new ArrayList<>();
            forwards.add(TravelClient.state(client));
            for (int k = 0; k < 3; k++) {
                client.assertStopped(TravelClient.next(client), "step");
                forwards.add(TravelClient.state(client));
            }
            assertEquals(line("LOOP_HEAD"), forwards.get(2).line(), () -> "forwards: " + forwards);
            assertEquals(line("LOOP_CALL"), forwards.get(3).line(), () -> "forwards: " + forwards);
            assertEquals("1", forwards.get(3).locals().get("i"));
            for (int k = 2; k >= 0; k--) {
                client.assertStopped(TravelClient.stepBack(client), "step");
                assertEquals(forwards.get(k), TravelClient.state(client), "stepBack to forward stop " + k);
            }
            // and forwards again from there: the same stops
            for (int k = 1; k <= 3; k++) {
                client.assertStopped(TravelClient.next(client), "step");
                assertEquals(forwards.get(k), TravelClient.state(client), "next to forward stop " + k);
            }
        }
    }

    @Test
    void stepBackFromAFunctionsFirstLineGoesToTheCall() throws Exception {
        try (DapTestClient client = stoppedAt("LOOP_CALL", 3)) {
            State atCall = TravelClient.state(client);
            client.assertStopped(TravelClient.stepIn(client), "step");
            assertEquals(line("SQUARE_FIRST"), client.line());
            client.assertStopped(TravelClient.stepBack(client), "step");
            State back = TravelClient.state(client);
            assertEquals("main", back.function());
            assertEquals(atCall.line(), back.line());
            assertEquals(atCall.locals(), back.locals());
            assertEquals(atCall.depth(), back.depth());
        }
    }

    @Test
    void restartFrameGoesToTheFramesEntry() throws Exception {
        try (DapTestClient client = stoppedAt("SUM_BASE", 1)) {
            assertEquals("3", client.local("n"));
            State entry3 = TravelClient.state(client);
            for (int k = 0; k < 3; k++) {
                client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            }
            assertEquals("0", client.local("n"));
            // frames: sum_to(0), sum_to(1), sum_to(2), sum_to(3), main...: restart sum_to(3)
            client.assertStopped(TravelClient.restartFrame(client, 4), "step");
            assertEquals(entry3, TravelClient.state(client));
        }
    }

    @Test
    void reverseStepOutLandsAtTheCallInTheCaller() throws Exception {
        try (DapTestClient client = stoppedAt("SUM_BASE", 3)) {
            assertEquals("1", client.local("n"));
            client.assertStopped(TravelClient.reverseStepOut(client), "step");
            State caller = TravelClient.state(client);
            assertEquals("sum_to", caller.function());
            assertEquals(line("SUM_RECURSE"), caller.line());
            assertEquals("2", caller.locals().get("n"));
            client.assertStopped(TravelClient.reverseStepOut(client), "step");
            assertEquals("3", client.local("n"));
            assertEquals(line("SUM_RECURSE"), client.line());
        }
    }

    private static int line(String marker) throws Exception {
        return Debuggee.line(FILE, marker);
    }

    /** Launched, at the {@code hit}-th stop of a breakpoint at {@code marker}, then the breakpoint removed. */
    private DapTestClient stoppedAt(String marker, int hit) throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source(FILE).toString(), line(marker));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        for (int k = 1; k < hit; k++) {
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
        }
        if (!marker.equals("SUM_BASE")) {
            client.setBreakpoints(Debuggee.source(FILE).toString());
        }
        return client;
    }
}
