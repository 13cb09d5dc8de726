/*
 * HitSavePointTravelTest: backward motions deep in a loop without syscalls start from save points
 * made mid-event, before breakpoint arrivals (HitSavePoints, SAVE_AT_HIT), and still land exactly
 * where a straight replay lands: from several starting points in backloop.c's 1000-round loop,
 * the stops of stepBack after some forward nexts retrace those nexts' stops (line, round and sum),
 * and reverseContinue to a breakpoint lands at the round before, again and again, while the save
 * points left by earlier motions multiply. A save point whose counts were off by one arrival would
 * put a stop one round (or one line) away.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.dap.TravelClient.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class HitSavePointTravelTest {
    private static final String FILE = "backloop.c";
    private static final int STEPS = 5;

    @TempDir
    Path tmp;

    @Test
    void stepBackAndReverseContinueDeepInALoopRetraceTheForwardStops() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(Debuggee.compile(FILE, tmp, "-O0"), false);
            client.setBreakpoints(source(), line("AFTER_LOOP"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            for (int round : new int[] {700, 350, 980, 690}) {
                // to round `round`'s LOOP_MIX through the past (a condition: judged per arrival)
                client.setSourceBreakpoints(source(),
                        DapTestClient.breakpoint(line("LOOP_MIX"), "i == " + round, null, null));
                client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
                client.setBreakpoints(source());
                State start = TravelClient.state(client);
                assertEquals(String.valueOf(round), start.locals().get("i"), () -> "landed at " + start);
                retrace(client, start, round);
                // reverseContinue to LOOP_BODY: this round's, then the round before
                client.setBreakpoints(source(), line("LOOP_BODY"));
                for (int back = round; back >= round - 2; back--) {
                    client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
                    State at = TravelClient.state(client);
                    assertEquals(line("LOOP_BODY"), at.line(), () -> "landed at " + at);
                    assertEquals(String.valueOf(back), at.locals().get("i"), () -> "landed at " + at);
                }
                client.setBreakpoints(source(), line("AFTER_LOOP"));
                client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            }
        }
    }

    /**
     * A stepBack right after landing deep in the loop (the landing's seek leaves save points that
     * count, only, what the stepBack from an earlier landing at that line armed): STEPS stepBacks,
     * then STEPS nexts retrace them, from landings at rounds far apart, the later ones served by
     * those save points.
     */
    @Test
    void stepBackRightAfterALandingRetracesForwards() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(Debuggee.compile(FILE, tmp, "-O0"), false);
            client.setBreakpoints(source(), line("AFTER_LOOP"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            for (int round : new int[] {100, 600, 900, 300}) {
                client.setSourceBreakpoints(source(),
                        DapTestClient.breakpoint(line("LOOP_BODY"), "i == " + round, null, null));
                client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
                client.setBreakpoints(source());
                List<State> back = new ArrayList<>();
                back.add(TravelClient.state(client));
                assertEquals(String.valueOf(round), back.get(0).locals().get("i"), () -> "landed at " + back.get(0));
                for (int i = 0; i < STEPS; i++) {
                    client.assertStopped(TravelClient.stepBack(client), "step");
                    back.add(TravelClient.state(client));
                }
                for (int i = STEPS - 1; i >= 0; i--) {
                    client.assertStopped(TravelClient.next(client), "step");
                    State at = TravelClient.state(client);
                    State want = back.get(i);
                    assertEquals(want, at, () -> "round " + round + ": next landed at " + at + ", the stepBack at " + want);
                }
                client.setBreakpoints(source(), line("AFTER_LOOP"));
                client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            }
        }
    }

    /** STEPS nexts from {@code start}, then STEPS stepBacks: the same stops in reverse order. */
    private static void retrace(DapTestClient client, State start, int round) throws Exception {
        List<State> forward = new ArrayList<>();
        forward.add(start);
        for (int i = 0; i < STEPS; i++) {
            client.assertStopped(TravelClient.next(client), "step");
            forward.add(TravelClient.state(client));
        }
        for (int i = STEPS - 1; i >= 0; i--) {
            client.assertStopped(TravelClient.stepBack(client), "step");
            State back = TravelClient.state(client);
            State want = forward.get(i);
            assertEquals(want, back, () -> "round " + round + ": stepBack landed at " + back + ", the next before it at "
                    + want);
        }
    }

    private static String source() {
        return Debuggee.source(FILE).toString();
    }

    private static int line(String marker) throws Exception {
        return Debuggee.line(FILE, marker);
    }
}
