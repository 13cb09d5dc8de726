package dev.rewind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal the kernel would discard natively (SIGCHLD at SIG_DFL) that arrives while the program
 * runs its own code is not recorded (record_signals.c): `rewind dump` shows no SIGCHLD in user
 * code, and the recording replays. The child may exit while the program is in a syscall: a
 * SIGCHLD at that boundary ("after-event") is allowed.
 */
class DiscardedSignalTest {

    private static final int SIGCHLD = 17;

    @TempDir
    Path tmp;

    @Test
    void sigchldWhileSpinningIsNotRecordedInUserCode() throws IOException {
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0], ScenarioRunner.scenario("child_exit_spin").toString());
        assertEquals(0, rec.exitCode(), rec::describe);
        assertTrue(rec.stdoutText().contains("child exited with 3"), rec::describe);
        RunResult d = ScenarioRunner.dump(trace);
        assertEquals(0, d.exitCode(), d::describe);
        ObjectMapper json = new ObjectMapper();
        for (String line : d.stdoutText().split("\n")) {
            JsonNode e = json.readTree(line);
            boolean sigchldInCode = e.path("kind").asText().equals("signal")
                    && e.path("signo").asInt() == SIGCHLD
                    && e.path("place").asText().equals("in-user-code");
            assertTrue(!sigchldInCode, () -> "a SIGCHLD recorded in user code: " + line);
        }
        RunResult replay = ScenarioRunner.replay(trace);
        ReplayAssertions.assertReplayMatches(rec, replay, "child_exit_spin");
    }
}
