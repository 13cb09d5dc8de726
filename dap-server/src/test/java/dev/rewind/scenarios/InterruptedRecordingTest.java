package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertContainsIgnoringCase;
import static dev.rewind.scenarios.ReplayAssertions.assertLastLineMessage;
import static dev.rewind.scenarios.ReplayAssertions.assertPrefix;
import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings that end early: the program killed by SIGKILL from outside, Ctrl-C (SIGINT to the
 * whole foreground process group), and the recorder itself killed. Every event written before the
 * interruption is kept and replays.
 */
class InterruptedRecordingTest {

    /** Prints its pid and "ready", then blocks in a sleep until it is interrupted. */
    private static final String[] WAITING_PROGRAM = {"/bin/sh", "-c", "echo $$; echo ready; exec sleep 30"};

    @TempDir
    Path tmp;

    private ScenarioRunner.Running startRecording(Path trace, boolean ownProcessGroup) throws InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (ownProcessGroup) {
            cmd.add("setsid");
        }
        cmd.addAll(ScenarioRunner.recordCommand(trace, WAITING_PROGRAM[0], WAITING_PROGRAM[1], WAITING_PROGRAM[2]));
        ScenarioRunner.Running running = ScenarioRunner.start(cmd, new byte[0], tmp, Map.of());
        if (!running.awaitStdout("ready\n", Duration.ofSeconds(30))) {
            ScenarioRunner.killTree(running.process().toHandle());
            throw new AssertionError("the recorded program never printed 'ready'\n"
                    + running.finish(Duration.ofSeconds(5)).describe());
        }
        Thread.sleep(300); // let the program reach its sleep
        if (!running.process().isAlive()) {
            throw new AssertionError("the recording ended before the program was interrupted\n"
                    + running.finish(Duration.ofSeconds(5)).describe());
        }
        return running;
    }

    private static long programPid(ScenarioRunner.Running running) {
        return Long.parseLong(running.stdoutSoFar().lines().findFirst().orElseThrow().trim());
    }

    @Test
    void programKilledBySigkillReplaysWithStatus137() throws Exception {
        Path trace = tmp.resolve("t");
        ScenarioRunner.Running running = startRecording(trace, false);
        long pid = programPid(running);
        ProcessHandle program = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("program " + pid + " is not running"));
        assertTrue(program.destroyForcibly(), "could not kill the recorded program");
        RunResult rec = running.finish(ScenarioRunner.TIMEOUT);
        assertEquals(137, rec.exitCode(), rec::describe);
        assertEquals(pid + "\nready\n", rec.stdoutText(), rec::describe);

        assertReplayMatches(rec, ScenarioRunner.replay(trace), "first replay");
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "second replay");
    }

    @Test
    void ctrlCReachesTheProgramAndReplaysWithStatus130() throws Exception {
        Path trace = tmp.resolve("t");
        ScenarioRunner.Running running = startRecording(trace, true);
        long group = running.process().pid(); // setsid made the recorder's first process a group leader
        RunResult kill = ScenarioRunner.run(List.of("kill", "-INT", "--", "-" + group), new byte[0], tmp, Map.of(),
                Duration.ofSeconds(10));
        assertEquals(0, kill.exitCode(), kill::describe);
        RunResult rec = running.finish(ScenarioRunner.TIMEOUT);
        assertEquals(130, rec.exitCode(), rec::describe);
        assertTrue(rec.stdoutText().endsWith("ready\n"), rec::describe);
        ReplayAssertions.assertNoStackTrace(rec);

        assertReplayMatches(rec, ScenarioRunner.replay(trace), "first replay");
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "second replay");
    }

    @Test
    void recorderKilledKeepsWhatWasWritten() throws Exception {
        Path trace = tmp.resolve("t");
        ScenarioRunner.Running running = startRecording(trace, false);
        long pid = programPid(running);
        Optional<ProcessHandle> agent = running.process().toHandle().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("rewind-agent")).orElse(false))
                .findFirst();
        assertTrue(agent.isPresent(), "no rewind-agent process under `rewind record`");
        agent.get().destroyForcibly();
        RunResult rec = running.finish(ScenarioRunner.TIMEOUT);
        assertNotEquals(0, rec.exitCode(), rec::describe);
        ReplayAssertions.assertNoStackTrace(rec);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "the recorded program outlived its recorder");

        for (int round = 1; round <= 2; round++) {
            RunResult r = ScenarioRunner.replay(trace);
            assertEquals(125, r.exitCode(), r::describe);
            assertContainsIgnoringCase(assertLastLineMessage(r), "cut short", r);
            assertPrefix(rec.stdout(), r.stdout(), "replay of the interrupted recording");
        }
    }
}
