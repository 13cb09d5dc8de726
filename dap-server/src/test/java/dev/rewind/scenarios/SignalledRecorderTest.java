package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertContainsIgnoringCase;
import static dev.rewind.scenarios.ReplayAssertions.assertLastLineMessage;
import static dev.rewind.scenarios.ReplayAssertions.assertNoStackTrace;
import static dev.rewind.scenarios.ReplayAssertions.assertPrefix;
import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals to `rewind record` and `rewind replay` themselves (not to the program): TERM to the Java
 * process alone, HUP or TERM to the whole process group (a terminal hangup, `timeout`), SIGKILL of
 * the Java process. The recording ends cleanly (the program is passed the signal, or stopped when
 * rewind itself is gone), the trace says what happened and replays up to there, rewind exits
 * 128 + N, and no process of the run is left: not the agent, the program, or the program's child.
 */
@Timeout(300)
class SignalledRecorderTest {

    @TempDir
    Path tmp;

    /** busy_ticker copied under a name no other process has, so a /proc scan finds only ours. */
    private Path uniqueTicker() throws IOException {
        Path p = tmp.resolve("busy_ticker-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.copy(ScenarioRunner.scenario("busy_ticker"), p, StandardCopyOption.COPY_ATTRIBUTES);
        return p;
    }

    /**
     * Records the ticker (forever, with a helper child) until it has printed a few ticks. Its
     * stdout is a file, as a terminal would be: a pipe to this test would be closed when rewind's
     * Java process ends (or is destroyed through its Process), and the program would die of
     * SIGPIPE instead of what the test sends.
     */
    private ScenarioRunner.Running startRecording(Path trace, Path ticker, List<String> prefix, String... options)
            throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("sh", "-c", "exec \"$@\" > \"$REWIND_TEST_STDOUT\"", "sh"));
        List<String> args = new ArrayList<>(List.of("-1", "helper"));
        args.addAll(List.of(options));
        cmd.addAll(ScenarioRunner.recordCommand(trace, ticker.toString(), args.toArray(String[]::new)));
        ScenarioRunner.Running running = ScenarioRunner.start(cmd, new byte[0], tmp,
                Map.of("REWIND_TEST_STDOUT", recordedStdout().toString()));
        long deadline = System.nanoTime() + ScenarioRunner.TIMEOUT.toNanos();
        while (!recordedText().contains("tick 3\n") && running.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!recordedText().contains("tick 3\n")) {
            ScenarioRunner.killTree(running.process().toHandle());
            throw new AssertionError("the recorded program never printed 'tick 3'\n"
                    + running.finish(Duration.ofSeconds(5)).describe());
        }
        return running;
    }

    private Path recordedStdout() {
        return tmp.resolve("recorded-stdout");
    }

    private String recordedText() throws IOException {
        return Files.exists(recordedStdout()) ? Files.readString(recordedStdout()) : "";
    }

    /** Sends signal {@code name} to {@code pid} (or, with a negative pid, to a process group). */
    private void kill(String name, long pid) {
        RunResult kill = ScenarioRunner.run(List.of("kill", "-" + name, "--", Long.toString(pid)), new byte[0], tmp,
                Map.of(), Duration.ofSeconds(10));
        assertEquals(0, kill.exitCode(), kill::describe);
    }

    /** The recording's end, with the program's output from its file. */
    private RunResult finishRecording(ScenarioRunner.Running running) throws IOException {
        RunResult r = running.finish(ScenarioRunner.TIMEOUT);
        return new RunResult(Files.readAllBytes(recordedStdout()), r.stderr(), r.exitCode());
    }

    private static String lastEvent(Path trace) {
        RunResult dump = ScenarioRunner.dump(trace);
        assertEquals(0, dump.exitCode(), dump::describe);
        List<String> lines = dump.stdoutText().lines().toList();
        assertTrue(lines.size() >= 2, dump::describe);
        return lines.get(lines.size() - 2); // the last is the {"kind":"end"} summary
    }

    private static long signalEvents(Path trace, String name) {
        return ScenarioRunner.dump(trace).stdoutText().lines()
                .filter(l -> l.contains("\"kind\":\"signal\"") && l.contains("\"name\":\"" + name + "\""))
                .count();
    }

    /** The program was passed signal `name`: the trace ends with its death by it, and replays exactly. */
    private void assertEndedBySignal(Path trace, RunResult rec, int signal, String name) {
        assertEquals(128 + signal, rec.exitCode(), rec::describe);
        assertNoStackTrace(rec);
        String last = lastEvent(trace);
        assertTrue(last.contains("\"kind\":\"exit\"") && last.contains("\"signalName\":\"" + name + "\""),
                () -> "the trace should end with the program killed by " + name + ": " + last);
        assertEquals(1, signalEvents(trace, name), "the program should be passed " + name + " once");
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "replay of the signalled recording");
    }

    @Test
    void termToRewindAloneIsPassedToTheProgram() throws Exception {
        Path trace = tmp.resolve("t");
        Path ticker = uniqueTicker();
        Leftovers leftovers = new Leftovers();
        ScenarioRunner.Running running = startRecording(trace, ticker, List.of());
        leftovers.noteDescendants(running.process().toHandle());
        kill("TERM", running.process().pid()); // rewind's Java process only
        RunResult rec = finishRecording(running);
        leftovers.assertNoneLeft(ticker.toString(), "rewind record sent SIGTERM");
        assertEndedBySignal(trace, rec, 15, "SIGTERM");
    }

    @Test
    void hangupOfTheProcessGroupEndsTheRecordingOnce() throws Exception {
        signalTheGroup("HUP", 1);
    }

    @Test
    void termToTheProcessGroupEndsTheRecordingOnce() throws Exception {
        signalTheGroup("TERM", 15);
    }

    private void signalTheGroup(String signal, int number) throws Exception {
        Path trace = tmp.resolve("t");
        Path ticker = uniqueTicker();
        Leftovers leftovers = new Leftovers();
        ScenarioRunner.Running running = startRecording(trace, ticker, List.of("setsid"));
        leftovers.noteDescendants(running.process().toHandle());
        kill(signal, -running.process().pid()); // setsid made rewind a process group leader
        RunResult rec = finishRecording(running);
        leftovers.assertNoneLeft(ticker.toString(), "rewind record whose process group was sent SIG" + signal);
        assertEndedBySignal(trace, rec, number, "SIG" + signal);
    }

    @Test
    void timeoutEndsTheRecordingCleanly() throws Exception {
        Path trace = tmp.resolve("t");
        Path ticker = uniqueTicker();
        List<String> cmd = new ArrayList<>(List.of("timeout", "--preserve-status", "8"));
        cmd.addAll(ScenarioRunner.recordCommand(trace, ticker.toString(), "-1", "helper"));
        RunResult rec = ScenarioRunner.run(cmd, new byte[0], tmp, Map.of(), ScenarioRunner.TIMEOUT);
        new Leftovers().assertNoneLeft(ticker.toString(), "rewind record under timeout");
        assertEndedBySignal(trace, rec, 15, "SIGTERM");
    }

    @Test
    void aProgramThatIgnoresTheSignalIsStoppedAfterAGracePeriod() throws Exception {
        Path trace = tmp.resolve("t");
        Path ticker = uniqueTicker();
        Leftovers leftovers = new Leftovers();
        ScenarioRunner.Running running = startRecording(trace, ticker, List.of(), "ignore-term");
        leftovers.noteDescendants(running.process().toHandle());
        kill("TERM", running.process().pid());
        RunResult rec = finishRecording(running);
        leftovers.assertNoneLeft(ticker.toString(), "rewind record sent SIGTERM, the program ignoring it");
        assertEquals(143, rec.exitCode(), rec::describe);
        assertContainsIgnoringCase(assertLastLineMessage(rec), "the program was still running", rec);
        String last = lastEvent(trace);
        assertTrue(last.contains("\"kind\":\"stop\"") && last.contains("rewind was sent SIGTERM"),
                () -> "the trace should end with a stop event saying why: " + last);
        // Passed once. The program ignores it, so natively it is discarded: recorded when it
        // arrives at a syscall boundary, dropped when it arrives in user code (the recorder does
        // not record a signal the kernel would discard there), so the trace holds it 0 or 1 times.
        long passed = signalEvents(trace, "SIGTERM");
        assertTrue(passed <= 1, "the program should be passed SIGTERM once, got " + passed + " events");
        RunResult r = ScenarioRunner.replay(trace);
        assertEquals(125, r.exitCode(), r::describe);
        assertContainsIgnoringCase(assertLastLineMessage(r), "rewind was sent SIGTERM", r);
        assertPrefix(rec.stdout(), r.stdout(), "the replay up to the stop");
    }

    @Test
    void killedRewindStopsTheRecordingAndLeavesNothing() throws Exception {
        Path trace = tmp.resolve("t");
        Path ticker = uniqueTicker();
        Leftovers leftovers = new Leftovers();
        ScenarioRunner.Running running = startRecording(trace, ticker, List.of());
        leftovers.noteDescendants(running.process().toHandle());
        kill("KILL", running.process().pid()); // rewind's Java process: only the agent can act
        RunResult rec = finishRecording(running);
        assertEquals(137, rec.exitCode(), rec::describe);
        leftovers.assertNoneLeft(ticker.toString(), "rewind record killed with SIGKILL");

        String last = lastEvent(trace);
        assertTrue(last.contains("\"kind\":\"stop\"") && last.contains("rewind ended while the program ran"),
                () -> "the trace should end with a stop event saying rewind ended: " + last);
        for (int round = 1; round <= 2; round++) {
            RunResult r = ScenarioRunner.replay(trace);
            assertEquals(125, r.exitCode(), r::describe);
            assertContainsIgnoringCase(assertLastLineMessage(r), "rewind ended while the program ran", r);
            // (a write the kill cut short reached the file but was never recorded as done)
            assertPrefix(rec.stdout(), r.stdout(), "the replay up to the stop");
        }
    }

    @Test
    void signalledOrKilledReplayLeavesNothing() throws Exception {
        Path trace = tmp.resolve("t");
        Path ticker = uniqueTicker();
        RunResult rec = ScenarioRunner.run(ScenarioRunner.recordCommand(trace, ticker.toString(), "400"),
                new byte[0], tmp, Map.of(), ScenarioRunner.TIMEOUT);
        assertEquals(0, rec.exitCode(), rec::describe);
        for (boolean forcibly : new boolean[] {false, true}) {
            Leftovers leftovers = new Leftovers();
            ScenarioRunner.Running replay = ScenarioRunner.start(
                    List.of(ScenarioRunner.rewindScript().toString(), "replay", trace.toString()),
                    new byte[0], tmp, Map.of());
            assertTrue(replay.awaitStdout("tick 3\n", ScenarioRunner.TIMEOUT), "the replay never printed 'tick 3'");
            leftovers.noteDescendants(replay.process().toHandle());
            if (forcibly) {
                replay.process().destroyForcibly();
            } else {
                replay.process().destroy();
            }
            RunResult r = replay.finish(ScenarioRunner.TIMEOUT);
            leftovers.assertNoneLeft(ticker.toString(), "rewind replay sent " + (forcibly ? "SIGKILL" : "SIGTERM"));
            assertEquals(forcibly ? 137 : 143, r.exitCode(), r::describe);
            assertNoStackTrace(r);
            assertPrefix(rec.stdout(), r.stdout(), "the replay's output before it was stopped");
        }
    }
}
