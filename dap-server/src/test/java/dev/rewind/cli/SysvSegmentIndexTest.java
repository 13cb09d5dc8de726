/*
 * SysvSegmentIndexTest: `rewind index --every 1` of programs holding System V segments (attached
 * read-write and SHM_RDONLY, several attaches of one segment) keeps the segments as segments
 * (snapshot format 5): snapshots are taken while a segment is attached, and a replay opened from
 * each of them prints from there exactly what a plain replay prints from that event on, byte for
 * byte, and ends at the same event the same way (a restored read-only attach cannot be made
 * writable, and the attaches of one segment alias again).
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.snapshot.Snapshots;
import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class SysvSegmentIndexTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"mem_sysv_shm_rdonly", "ipc_sysv_shm", "mem_sysv_shm", "ipc_sysv_shm_id_reuse"})
    void everySnapshotOfASegmentReplaysTheRestExactly(String name) {
        assertTimeoutPreemptively(Duration.ofSeconds(300), () -> {
            ScenarioRunner.ensureScenariosBuilt();
            String program = ScenarioRunner.root().resolve("native/build/fidelity/" + name).toString();
            Path trace = tmp.resolve(name);
            RunResult rec = ScenarioRunner.record(trace, new byte[0], program);
            assertEquals(0, rec.exitCode(), rec::describe);
            long[] attached = attachedSpan(trace);
            RunResult index = ScenarioRunner.rewind(tmp, "index", "--every", "1", trace.toString());
            assertEquals(0, index.exitCode(), index::describe);
            List<Long> events = new Snapshots(trace).events();
            // a segment is attached from the first shmat's event on until the last shmdt: the
            // events between them have their snapshots (but for the few where no snapshot can be
            // taken at all, as around a fork)
            long held = events.stream().filter(e -> e > attached[0] && e <= attached[1]).count();
            assertTrue(4 * held >= 3 * (attached[1] - attached[0]), "snapshots while a segment is attached ("
                    + attached[0] + " to " + attached[1] + "): " + events + "\n" + index.describe());

            byte[] whole = SnapshotReplayCheck.everySnapshotReplaysTheRest(trace, events);
            assertTrue(new String(whole).contains("ok"), new String(whole));
        });
    }

    /** The events of the first shmat and of the last shmdt in the recording. */
    private long[] attachedSpan(Path trace) throws Exception {
        RunResult dump = ScenarioRunner.rewind(tmp, "dump", trace.toString());
        long first = -1;
        long last = -1;
        for (String line : dump.stdoutText().lines().toList()) {
            boolean at = line.contains("\"name\":\"shmat\"") && !line.contains("\"result\":-");
            if ((at && first < 0) || line.contains("\"name\":\"shmdt\"")) {
                long e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("event").asLong();
                if (at && first < 0) {
                    first = e;
                } else {
                    last = e;
                }
            }
        }
        assertTrue(first >= 0 && last > first, "shmat and shmdt in the recording\n" + dump.describe());
        return new long[] {first, last};
    }
}
