package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording keeps only what exists of the files a program maps: mmap_sparse maps a 1 TiB memfd
 * and a 100 GiB sparse file holding a few bytes each; its trace takes a few MiB of disk (the copies
 * keep the holes), and it replays exactly, the replay's own copies sparse as well.
 */
class SparseMappingTest {
    @TempDir
    Path tmp;

    @Test
    void sparseMappingsCostWhatTheyHold() {
        Path trace = tmp.resolve("trace");
        String program = ScenarioRunner.scenario("mmap_sparse").toString();
        RunResult recorded = ScenarioRunner.record(trace, new byte[0], program);
        assertEquals(0, recorded.exitCode(), recorded::describe);
        assertTrue(recorded.stdoutText().contains("1 TiB memfd: ok"), recorded::describe);

        RunResult du = ScenarioRunner.run(List.of("du", "-sk", trace.toString()), new byte[0], tmp,
                java.util.Map.of(), ScenarioRunner.TIMEOUT);
        long kib = Long.parseLong(du.stdoutText().split("\\s+")[0]);
        assertTrue(kib < 64 * 1024, () -> "the trace takes " + kib + " KiB of disk for a few mapped bytes");

        assertReplayMatches(recorded, ScenarioRunner.replay(trace), "replay of mmap_sparse");
    }
}
