/*
 * MultithreadedIndexTest: `rewind index` on a multithreaded recording (two producers and two
 * consumers on a mutex and condition variables) writes snapshots of every thread (snapshot format
 * 4), and a replay opened from each of them, in a fresh process with all its threads recreated,
 * prints from there exactly what a plain replay prints from that event on, byte for byte, and
 * ends at the same event the same way.
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultithreadedIndexTest {
    @TempDir
    Path tmp;

    @Test
    void snapshotsOfEveryThreadOpenAndReplayTheRestExactly() {
        assertTimeoutPreemptively(Duration.ofSeconds(300), () -> {
            ScenarioRunner.ensureScenariosBuilt();
            String program = ScenarioRunner.root().resolve("native/build/fidelity/thr_mutex_condvar").toString();
            Path trace = tmp.resolve("mt");
            RunResult rec = ScenarioRunner.record(trace, new byte[0], program);
            assertEquals(0, rec.exitCode(), rec::describe);
            RunResult index = ScenarioRunner.rewind(tmp, "index", trace.toString());
            assertEquals(0, index.exitCode(), index::describe);
            assertTrue(index.stdoutText().contains("snapshots of"), index::describe);
            List<Long> events = new Snapshots(trace).events();
            assertTrue(events.size() >= 5, "snapshots over the run: " + events);

            byte[] whole = SnapshotReplayCheck.everySnapshotReplaysTheRest(trace, events);
            assertTrue(new String(whole).contains("consumer 0 took"), new String(whole));
        });
    }
}
