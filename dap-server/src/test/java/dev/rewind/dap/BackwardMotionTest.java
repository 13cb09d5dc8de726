/*
 * BackwardMotionTest: backward motions are one search in the agent, not a round trip per
 * arrival: a reverseContinue over a thousand arrivals at a breakpoint and a stepBack out of a
 * thousand-round loop each cost a small number of agent requests (rewind/position's
 * agentRequests, counted by AgentClient.requestsSent), whatever the number of rounds, and land
 * where the per-arrival search landed. stepBack after a backward goto to a function's first line
 * lands on the line before, in the same frame, and from the function's entry on the call. A
 * pause stops a search the agent runs alone.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.dap.TravelClient.State;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class BackwardMotionTest {
    private static final String FILE = "backloop.c";
    /** Requests one backward motion may cost here: the search, the travel there, the stop's queries. */
    private static final long FEW = 60;
    /**
     * A stepBack also replays the forward {@code next} steps from the line start found to now (a
     * line is not always entered at its start): a few steps whatever the loop's length, each a
     * handful of requests (Stepper's).
     */
    private static final long STEP_BACK = 150;

    @TempDir
    Path tmp;

    @Test
    void reverseContinueOverAThousandArrivalsIsOneSearch() throws Exception {
        try (DapTestClient client = stoppedAt("AFTER_LOOP")) {
            client.setBreakpoints(Debuggee.source(FILE).toString(), line("LOOP_MIX"));
            long before = requests(client);
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            long cost = requests(client) - before;
            assertEquals(line("LOOP_MIX"), client.line());
            assertEquals("999", client.local("i"));
            assertTrue(cost <= FEW, "reverseContinue over 1000 arrivals cost " + cost + " agent requests");
            before = requests(client);
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            long again = requests(client) - before;
            assertEquals("998", client.local("i"));
            assertTrue(again <= FEW, "the next reverseContinue cost " + again + " agent requests");
            System.out.printf("reverseContinue over 1000 arrivals: %d, then %d agent requests%n", cost, again);
        }
    }

    @Test
    void stepBackOutOfAThousandRoundLoopIsOneSearch() throws Exception {
        try (DapTestClient client = stoppedAt("AFTER_LOOP")) {
            client.setBreakpoints(Debuggee.source(FILE).toString());
            State after = TravelClient.state(client);
            long before = requests(client);
            client.assertStopped(TravelClient.stepBack(client), "step");
            long cost = requests(client) - before;
            // a forward next from the last round's LOOP_MIX stops at the for line (its increment
            // and test), then at AFTER_LOOP: stepping back retraces that
            State back = TravelClient.state(client);
            assertEquals(line("LOOP_HEAD"), back.line(), () -> "landed at " + back);
            assertEquals("main", back.function());
            assertTrue(cost <= STEP_BACK, "stepBack out of a 1000-round loop cost " + cost + " agent requests");
            client.assertStopped(TravelClient.next(client), "step");
            assertEquals(after, TravelClient.state(client));
            System.out.printf("stepBack out of a 1000-round loop: %d agent requests%n", cost);
        }
    }

    @Test
    void stepBackAfterAGotoToTheFirstLineStaysInTheFrame() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(Debuggee.compile(FILE, tmp, "-O0"), false);
            client.setBreakpoints(Debuggee.source(FILE).toString(), line("GOTO_FIRST"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals("3", client.local("n"));
            State entry = TravelClient.state(client);
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals("2", client.local("n"));
            client.setBreakpoints(Debuggee.source(FILE).toString());
            // the goto came from GOTO_TEST in this very call: that is the line before
            client.assertStopped(TravelClient.stepBack(client), "step");
            State test = TravelClient.state(client);
            assertEquals("countdown", test.function(), () -> "landed at " + test);
            assertEquals(line("GOTO_TEST"), test.line(), () -> "landed at " + test);
            assertEquals("2", test.locals().get("n"));
            assertEquals(entry.depth(), test.depth());
            // back to the first line as the function entered it, and from there to the call
            client.assertStopped(TravelClient.stepBack(client), "step");
            assertEquals(entry, TravelClient.state(client));
            client.assertStopped(TravelClient.stepBack(client), "step");
            State call = TravelClient.state(client);
            assertEquals("main", call.function());
            assertEquals(line("AFTER_LOOP"), call.line());
        }
    }

    @Test
    void pauseStopsASearchTheAgentRuns() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(Debuggee.compile("spin.c", tmp, "-O0"), false);
            client.configurationDone();
            assertEquals("end", client.awaitStopped().getReason());
            // an unconditional breakpoint: the agent searches alone, through over a billion arrivals
            client.setBreakpoints(Debuggee.source("spin.c").toString(), Debuggee.line("spin.c", "SPIN_LOOP"));
            ReverseContinueArguments back = new ReverseContinueArguments();
            back.setThreadId(1);
            DapTestClient.call(client.server().reverseContinue(back));
            Thread.sleep(500);
            PauseArguments pause = new PauseArguments();
            pause.setThreadId(1);
            DapTestClient.call(client.server().pause(pause));
            client.assertStopped(client.awaitStopped(), "pause");
            // the replay is usable where the search was: forwards again to the end
            client.setBreakpoints(Debuggee.source("spin.c").toString());
            assertEquals("end", client.continueToStop().getReason());
        }
    }

    private static long requests(DapTestClient client) throws Exception {
        Map<String, Object> position = DapTestClient.call(client.rewind().position(Map.of()));
        return ((Number) position.get("agentRequests")).longValue();
    }

    private static int line(String marker) throws Exception {
        return Debuggee.line(FILE, marker);
    }

    /** Launched and stopped at the first hit of a breakpoint at {@code marker}, which stays set. */
    private DapTestClient stoppedAt(String marker) throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source(FILE).toString(), line(marker));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        return client;
    }
}
