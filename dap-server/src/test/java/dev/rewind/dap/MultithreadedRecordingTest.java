/*
 * MultithreadedRecordingTest: a program that starts and joins a thread is recorded whole (trace
 * format 4: THREAD and SYSCALL_ENTER events) and `rewind replay` reproduces it byte for byte; a
 * DAP launch of the trace or of the program debugs it (ThreadsDapTest goes further; `rewind index`
 * keeps every thread: MultithreadedIndexTest).
 */
package dev.rewind.dap;

import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultithreadedRecordingTest {
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path shared;
    static Path trace;
    static RunResult recorded;

    @TempDir
    Path tmp;

    @BeforeAll
    static void recordOnce() {
        trace = shared.resolve("threads-trace");
        recorded = ScenarioRunner.record(trace, new byte[0], ScenarioRunner.scenario("thread_create").toString());
    }

    @Test
    void aThreadIsRecordedAndReplaysExactly() {
        assertEquals(0, recorded.exitCode(), recorded::describe);
        assertTrue(recorded.stdoutText().contains("thread says hi\nafter the thread\n"), recorded::describe);
        RunResult dump = ScenarioRunner.dump(trace);
        assertTrue(dump.stdoutText().contains("\"kind\":\"thread\""), "THREAD events in the trace");
        assertTrue(dump.stdoutText().contains("\"kind\":\"syscall_enter\""), "the join waited in a futex");
        for (int round = 1; round <= 2; round++) {
            assertReplayMatches(recorded, ScenarioRunner.replay(trace), "replay " + round + " of thread_create");
        }
    }

    /** A spin-wait between two threads (no syscalls) completes only if the recorder preempts. */
    @Test
    void aSpinWaitCompletesUnderTheRecorderAndReplays() {
        Path spin = tmp.resolve("spin");
        RunResult rec = ScenarioRunner.record(spin, new byte[0], fidelity("thr_spin_handoff"));
        assertEquals(0, rec.exitCode(), rec::describe);
        assertTrue(ScenarioRunner.dump(spin).stdoutText().contains("\"kind\":\"preempt\""), "preemptions recorded");
        assertReplayMatches(rec, ScenarioRunner.replay(spin), "replay of thr_spin_handoff");
    }

    /** A data race whose outcome depends on where the threads were preempted replays that outcome. */
    @Test
    void aRaceReplaysTheRecordedOutcomeEveryTime() {
        Path race = tmp.resolve("race");
        RunResult rec = ScenarioRunner.record(race, new byte[0], fidelity("thr_race"));
        assertEquals(0, rec.exitCode(), rec::describe);
        assertTrue(rec.stdoutText().contains("value: counter "), rec::describe);
        assertTrue(ScenarioRunner.dump(race).stdoutText().contains("\"place\":\"in-user-code\""),
                "preempted in user code");
        for (int round = 1; round <= 3; round++) {
            assertReplayMatches(rec, ScenarioRunner.replay(race), "replay " + round + " of thr_race");
        }
    }

    private static String fidelity(String name) {
        ScenarioRunner.ensureScenariosBuilt();
        return ScenarioRunner.root().resolve("native/build/fidelity").resolve(name).toString();
    }

    @Test
    void launchingTheTraceDebugsIt() {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try (DapTestClient client = InProcessDap.start()) {
                client.launch(Map.of("trace", trace.toString(), "stopOnEntry", true));
                client.configurationDone();
                client.assertStopped(client.awaitStopped(), "entry");
                assertEquals("end", TravelClient.continueToStop(client).getReason());
                assertTrue(client.stdout().contains("thread says hi\nafter the thread\n"), client.stdout());
            }
        });
    }

    @Test
    void launchingTheProgramDebugsIt() {
        String program = ScenarioRunner.scenario("thread_create").toString();
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try (DapTestClient client = InProcessDap.start()) {
                client.launch(Map.of("program", program));
                client.configurationDone();
                assertEquals("end", client.awaitStopped().getReason());
                assertTrue(client.stdout().contains("thread says hi\nafter the thread\n"), client.stdout());
            }
        });
    }
}
