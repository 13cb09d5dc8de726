package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertContainsIgnoringCase;
import static dev.rewind.scenarios.ReplayAssertions.assertLastLineMessage;
import static dev.rewind.scenarios.ReplayAssertions.assertNoStackTrace;
import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay that cannot make progress says so and cleans up instead of waiting forever. The
 * recording of signal_waits is changed so that the SIGALRM that ended its first ppoll becomes a
 * SIGCHLD, which that ppoll's own mask blocks: replay delivers it inside the wait, as recorded,
 * and the replayed process then really waits for a signal that never comes. The agent's watchdog
 * (REWIND_STUCK_SECONDS, shortened here) must report "replay stuck at event N" and end the replay.
 */
@Timeout(180)
class StuckReplayTest {
    private static final int KIND_SIGNAL = 3;
    private static final int SYS_PPOLL = 271;
    private static final int SIGALRM = 14;
    private static final int SIGCHLD = 17;

    @TempDir
    Path tmp;

    @Test
    void aReplayWaitingForSomethingTheRecordingLacksIsReportedAsStuck() throws Exception {
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0], ScenarioRunner.scenario("signal_waits").toString());
        assertEquals(0, rec.exitCode(), rec::describe);
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "the unchanged recording");

        long event = turnFirstAlarmAfterPpollIntoSigchld(trace.resolve("events"));
        Leftovers leftovers = new Leftovers();
        ScenarioRunner.Running replay = ScenarioRunner.start(
                List.of(ScenarioRunner.rewindScript().toString(), "replay", trace.toString()), new byte[0], tmp,
                Map.of("REWIND_STUCK_SECONDS", "2"));
        while (replay.process().isAlive() && replay.process().toHandle().descendants().findAny().isEmpty()) {
            Thread.sleep(20);
        }
        leftovers.noteDescendants(replay.process().toHandle());
        RunResult r = replay.finish(ScenarioRunner.TIMEOUT);
        leftovers.assertNoneLeft(trace.toString(), "a stuck replay");
        assertEquals(125, r.exitCode(), r::describe);
        assertNoStackTrace(r);
        String message = assertLastLineMessage(r);
        assertContainsIgnoringCase(message, "replay stuck at event " + event, r);
        assertContainsIgnoringCase(message, "rt_sigsuspend", r);
    }

    /** Changes the signal event that follows the first interrupted ppoll; returns its index. */
    private static long turnFirstAlarmAfterPpollIntoSigchld(Path events) throws Exception {
        byte[] bytes = Files.readAllBytes(events);
        for (TraceFiles.Block b : TraceFiles.blocks(bytes)) {
            byte[] raw = TraceFiles.decompress(bytes, b);
            List<TraceFiles.Event> list = TraceFiles.events(raw, b);
            for (int i = 1; i < list.size(); i++) {
                TraceFiles.Event before = list.get(i - 1);
                TraceFiles.Event e = list.get(i);
                boolean afterPpoll = before.kind() == TraceFiles.KIND_SYSCALL && TraceFiles.syscallNr(raw, before) == SYS_PPOLL;
                if (afterPpoll && e.kind() == KIND_SIGNAL && TraceFiles.le(raw).getInt(e.bodyOffset()) == SIGALRM) {
                    TraceFiles.le(raw).putInt(e.bodyOffset(), SIGCHLD);      // u32 signo
                    TraceFiles.le(raw).putInt(e.bodyOffset() + 5, SIGCHLD);  // siginfo.si_signo
                    Files.write(events, TraceFiles.replaceBlock(bytes, b, raw));
                    return e.index();
                }
            }
        }
        throw new AssertionError("no SIGALRM after a ppoll in the recording of signal_waits");
    }
}
