/*
 * SnapshotReadOnlySharedTest: a session restored from a snapshot taken while the program maps a
 * file MAP_SHARED through a descriptor opened read-only replays on exactly: the restored mapping
 * can no more be made writable than the recorded one, so the program's mprotect(PROT_WRITE) fails
 * with EACCES as recorded, and the session reaches the recording's end (no divergence).
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SnapshotReadOnlySharedTest {
    @TempDir
    Path tmp;

    @Test
    void aRestoredReadOnlySharedMappingStaysReadOnly() throws Exception {
        Path program = ScenarioRunner.root().resolve("native/build/fidelity/mem_mprotect_shared_readonly");
        Path trace = tmp.resolve("trace");
        RunResult rec = rewind("record", "-o", trace.toString(), "--", program.toString());
        assertEquals(0, rec.exitCode(), rec::describe);
        long mprotect = eventOf(trace, "\"name\":\"mprotect\",\"args\":[\"0x7", "\"result\":-13");
        assertEquals(0, rewind("index", "--every", "1", trace.toString()).exitCode());
        JsonNode info = new ObjectMapper().readTree(rewind("info", trace.toString()).stdoutText());
        long snapshotAt = -1;
        for (JsonNode s : info.path("snapshots")) {
            long e = s.path("event").asLong();
            if (e <= mprotect) {
                snapshotAt = Math.max(snapshotAt, e);
            }
        }
        assertTrue(snapshotAt > mprotect - 3, "a snapshot just before the mprotect: " + info);
        try (DapTestClient client = InProcessDap.start()) {
            client.launch(Map.of("trace", trace.toString(), "start", snapshotAt));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "step");
            assertTrue(client.console().contains("replaying from the snapshot at event " + snapshotAt),
                    client.console());
            String reason = TravelClient.continueToStop(client).getReason();
            assertEquals("end", reason, client.console());
            assertEquals(0, client.all("exited", ExitedEventArguments.class).get(0).getExitCode());
        }
    }

    /** The event number of the first dumped event line holding both texts. */
    private long eventOf(Path trace, String text, String also) throws Exception {
        RunResult dump = rewind("dump", trace.toString());
        for (String line : dump.stdoutText().lines().toList()) {
            if (line.contains(text) && line.contains(also)) {
                return new ObjectMapper().readTree(line).path("event").asLong();
            }
        }
        throw new AssertionError("no such event: " + text + "\n" + dump.describe());
    }

    private RunResult rewind(String... args) {
        return ScenarioRunner.rewind(tmp, args);
    }
}
