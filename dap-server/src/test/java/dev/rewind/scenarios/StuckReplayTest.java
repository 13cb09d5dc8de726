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
 * A replay that cannot make progress says so and cleans up instead of waiting forever.
 *
 * <p>In a syscall: the
 * recording of signal_waits is changed so that the SIGALRM that ended its first ppoll becomes a
 * SIGCHLD, which that ppoll's own mask blocks: replay delivers it inside the wait, as recorded,
 * and the replayed process then really waits for a signal that never comes. The agent's watchdog
 * (REWIND_STUCK_SECONDS, shortened here) must report "replay stuck at event N" and end the replay.
 *
 * <p>In user code: the recording of signal_spin_unbounded has the SIGALRM that ends its unbounded
 * loop at a point in user code; its fingerprint is changed (r15) so that no arrival matches, and
 * the replayed loop would spin for ever. The watchdog measures the user CPU the replay has used
 * since it began to run to the point against the one recorded with it, and reports the replay
 * stuck at that event.
 */
@Timeout(180)
class StuckReplayTest {
    private static final int KIND_SIGNAL = 3;
    private static final int SYS_PPOLL = 271;
    private static final int SIGALRM = 14;
    private static final int SIGCHLD = 17;
    private static final int PLACE_IN_CODE = 2;

    @TempDir
    Path tmp;

    @Test
    void aReplayWaitingForSomethingTheRecordingLacksIsReportedAsStuck() throws Exception {
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0], ScenarioRunner.scenario("signal_waits").toString());
        assertEquals(0, rec.exitCode(), rec::describe);
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "the unchanged recording");

        long event = turnFirstAlarmAfterPpollIntoSigchld(trace.resolve("events"));
        assertReplayEndsStuck(trace, event, "a stuck replay", "rt_sigsuspend");
    }

    @Test
    void aReplayMissingAPointInAnEndlessLoopIsReportedAsStuck() throws Exception {
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0],
                ScenarioRunner.scenario("signal_spin_unbounded").toString());
        assertEquals(0, rec.exitCode(), rec::describe);
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "the unchanged recording");

        long event = breakFingerprintOfFirstPointInCode(trace.resolve("events"));
        assertReplayEndsStuck(trace, event, "a replay stuck in user code", "user CPU");
    }

    /**
     * Replays trace with REWIND_STUCK_SECONDS=2: it must end with status 125 and one line naming
     * "replay stuck at event N" and the cause, leaving no process behind.
     */
    private void assertReplayEndsStuck(Path trace, long event, String what, String cause) throws Exception {
        Leftovers leftovers = new Leftovers();
        ScenarioRunner.Running replay = ScenarioRunner.start(
                List.of(ScenarioRunner.rewindScript().toString(), "replay", trace.toString()), new byte[0], tmp,
                Map.of("REWIND_STUCK_SECONDS", "2"));
        while (replay.process().isAlive() && replay.process().toHandle().descendants().findAny().isEmpty()) {
            Thread.sleep(20);
        }
        leftovers.noteDescendants(replay.process().toHandle());
        RunResult r = replay.finish(ScenarioRunner.TIMEOUT);
        leftovers.assertNoneLeft(trace.toString(), what);
        assertEquals(125, r.exitCode(), r::describe);
        assertNoStackTrace(r);
        String message = assertLastLineMessage(r);
        assertContainsIgnoringCase(message, "replay stuck at event " + event, r);
        assertContainsIgnoringCase(message, cause, r);
    }

    /** Changes r15 in the fingerprint of the first signal at a point in user code; its index. */
    private static long breakFingerprintOfFirstPointInCode(Path events) throws Exception {
        byte[] bytes = Files.readAllBytes(events);
        for (TraceFiles.Block b : TraceFiles.blocks(bytes)) {
            byte[] raw = TraceFiles.decompress(bytes, b);
            for (TraceFiles.Event e : TraceFiles.events(raw, b)) {
                if (e.kind() == KIND_SIGNAL && raw[e.bodyOffset() + 4] == PLACE_IN_CODE) {
                    int r15 = e.bodyOffset() + 5 + 128; // u32 signo, u8 place, siginfo[128], regs[0]
                    TraceFiles.le(raw).putLong(r15, TraceFiles.le(raw).getLong(r15) ^ 0x5a5a);
                    Files.write(events, TraceFiles.replaceBlock(bytes, b, raw));
                    return e.index();
                }
            }
        }
        throw new AssertionError("no signal at a point in user code in the recording of signal_spin_unbounded");
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
