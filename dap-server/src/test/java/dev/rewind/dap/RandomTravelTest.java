/*
 * RandomTravelTest: seeded random mixes of forward and backward motions (next, stepIn, stepOut,
 * continue, stepBack, reverseContinue) on travel.c (a loop with a call, recursion) land where a
 * forward-only run says they must. The ground truth is the sequence G of the stops of a forward
 * stepIn run through main (function, line, depth, locals, event at each); every motion's expected
 * landing is an index in G:
 *  - stepIn: the next stop; next: the next stop at the same depth or shallower; each of them ends
 *    earlier at a breakpoint hit (the breakpoints are at function first lines, which every entry
 *    of the function stops at). A line step that returns into the middle of the caller's line goes
 *    on to the next statement (as gdb), so G holds no mid-line return landings;
 *  - stepOut: where the frame returns, mid-line in the caller (as gdb's finish): just before the
 *    next shallower stop of G, showing the caller as it was at the call (the same locals and event:
 *    the functions called do no syscalls); a "landing" that the next motion starts from;
 *  - continue: the next stop at a breakpoint; reverseContinue: the last one before now;
 *  - stepBack: the last stop before now at the same depth, deeper stops skipped; none since the
 *    frame was entered: the call in the caller, which shows the caller's stop before the call.
 * Motions whose landing lies outside G (before main's first line, past main's end, no hit in that
 * direction) are not chosen. Each seed makes ACTIONS motions.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.dap.TravelClient.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomTravelTest {
    private static final String FILE = "travel.c";
    private static final int ACTIONS = 40;
    private static final Set<String> OURS = Set.of("main", "square", "sum_to");

    @TempDir
    Path tmp;

    enum Action { NEXT, STEP_IN, STEP_OUT, CONTINUE, STEP_BACK, REVERSE_CONTINUE }

    @Test
    void seed1() throws Exception {
        mix(1);
    }

    @Test
    void seed2() throws Exception {
        mix(2);
    }

    @Test
    void seed3() throws Exception {
        mix(3);
    }

    @Test
    void seed4() throws Exception {
        mix(4);
    }

    private void mix(long seed) throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        String source = Debuggee.source(FILE).toString();
        int mainFirst = Debuggee.line(FILE, "MAIN_FIRST");
        Set<Integer> bpLines = Set.of(Debuggee.line(FILE, "SQUARE_FIRST"), Debuggee.line(FILE, "SUM_BASE"));
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(source, mainFirst);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.setBreakpoints(source);

            // the ground truth: a forward stepIn run through main
            List<State> g = new ArrayList<>();
            g.add(TravelClient.state(client));
            while (true) {
                StoppedEventArguments stop = TravelClient.stepIn(client);
                if (!stop.getReason().equals("step")) {
                    break;
                }
                State s = TravelClient.state(client);
                if (!OURS.contains(s.function())) {
                    break;
                }
                g.add(s);
            }
            assertTrue(g.size() > 40, "forward stops: " + g);
            int last = g.size() - 1;

            // back to main's first line, then the random mix with breakpoints at two function entries
            client.setBreakpoints(source, mainFirst);
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals(g.get(0), TravelClient.state(client));
            client.setBreakpoints(source, bpLines.stream().mapToInt(Integer::intValue).toArray());

            Random random = new Random(seed);
            int at = 0;
            boolean landing = false; // just before G[at], mid-line after a stepOut's return
            List<String> log = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int n = 0; n < ACTIONS; n++) {
                Action action;
                int want;
                do {
                    action = Action.values()[random.nextInt(Action.values().length)];
                    want = expected(g, bpLines, at, landing, action);
                } while (want < 0 || want > last);
                switch (action) {
                    case NEXT -> TravelClient.next(client);
                    case STEP_IN -> TravelClient.stepIn(client);
                    case STEP_OUT -> TravelClient.stepOut(client);
                    case CONTINUE -> TravelClient.continueToStop(client);
                    case STEP_BACK -> TravelClient.stepBack(client);
                    case REVERSE_CONTINUE -> TravelClient.reverseContinue(client);
                }
                boolean lands = action == Action.STEP_OUT && !bpLines.contains(g.get(want).line());
                log.add(action + " " + at + (landing ? "-" : "") + "->" + want + (lands ? "-" : ""));
                State got = TravelClient.state(client);
                int from = at;
                Action a = action;
                State shown = lands ? g.get(callOf(g, want)) : g.get(want);
                assertEquals(shown, got, () -> "seed " + seed + ", action " + log.size() + " (" + a + " from "
                        + from + ": " + g.get(from) + "); actions so far: " + log);
                at = want;
                landing = lands;
            }
            System.out.printf("random travel, seed %d: %d actions in %d ms: %s%n", seed, ACTIONS,
                    (System.nanoTime() - t0) / 1_000_000, log);
        }
    }

    /** The stop of G where the call returning just before G[j] was made: the last one before it at G[j]'s depth. */
    private static int callOf(List<State> g, int j) {
        for (int i = j - 1; i >= 0; i--) {
            if (g.get(i).depth() == g.get(j).depth()) {
                return i;
            }
        }
        throw new AssertionError("no call before " + g.get(j));
    }

    /**
     * Where {@code action} from G[at] (or, {@code landing}, from just before it) must land, as an
     * index in G (a stepOut's return: just before that stop); -1 when it leaves G.
     */
    static int expected(List<State> g, Set<Integer> bpLines, int at, boolean landing, Action action) {
        int d = g.get(at).depth();
        int next = landing ? at : at + 1; // the first stop after now
        switch (action) {
            case STEP_IN:
                return next < g.size() ? next : -1;
            case NEXT:
            case STEP_OUT:
                for (int j = next; j < g.size(); j++) {
                    int dj = g.get(j).depth();
                    if (action == Action.NEXT ? dj <= d : dj < d) {
                        return j;
                    }
                    if (bpLines.contains(g.get(j).line())) {
                        return j;
                    }
                }
                return -1;
            case CONTINUE:
                for (int j = next; j < g.size(); j++) {
                    if (bpLines.contains(g.get(j).line())) {
                        return j;
                    }
                }
                return -1;
            case REVERSE_CONTINUE:
                for (int j = at - 1; j >= 0; j--) {
                    if (bpLines.contains(g.get(j).line())) {
                        return j;
                    }
                }
                return -1;
            case STEP_BACK:
                for (int j = at - 1; j >= 0; j--) {
                    int dj = g.get(j).depth();
                    if (dj <= d) {
                        return j; // the previous line in the frame, or its call in the caller
                    }
                }
                return -1;
            default:
                throw new AssertionError(action);
        }
    }
}
