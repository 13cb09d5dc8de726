/*
 * SnapshotLinksTest: `rewind index` and `rewind info` of a recording whose snapshots/ or
 * snapshots/pages (or a page folder) is a link to a folder elsewhere: index refuses in one line
 * naming the link (before replaying where snapshots/ or pages/ is one), and writes nothing where
 * it points (neither pages nor manifests nor scratch bodies); info refuses the same way. The
 * recording itself still replays.
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.MINUTES) // (every command inside has its own timeout)
class SnapshotLinksTest {
    @TempDir
    Path tmp;

    @Test
    void indexAndInfoRefuseALinkedSnapshotsFolderAndWriteNothingWhereItPoints() throws Exception {
        Path recorded = tmp.resolve("recorded");
        RunResult rec = ScenarioRunner.record(recorded, new byte[0], ScenarioRunner.scenario("uname").toString());
        assertEquals(0, rec.exitCode(), rec::describe);
        RunResult indexed = rewind("index", recorded.toString());
        assertEquals(0, indexed.exitCode(), indexed::describe);
        Path somePageFolder;
        try (Stream<Path> folders = Files.list(recorded.resolve("snapshots/pages"))) {
            somePageFolder = recorded.relativize(folders.findFirst().orElseThrow());
        }
        for (Path linked : List.of(Path.of("snapshots"), Path.of("snapshots/pages"), somePageFolder)) {
            Path trace = tmp.resolve("trace-" + linked.getNameCount());
            ScenarioRunner.run(List.of("cp", "-a", recorded.toString(), trace.toString()), new byte[0], tmp,
                    java.util.Map.of(), ScenarioRunner.TIMEOUT);
            Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere-" + linked.getNameCount()));
            deleteTree(trace.resolve(linked));
            Files.createSymbolicLink(trace.resolve(linked), elsewhere);

            RunResult index = rewind("index", trace.toString());
            assertEquals(ExitStatus.REWIND_FAILED, index.exitCode(), index::describe);
            assertEquals(1, index.stderrText().lines().count(), index::describe);
            assertTrue(index.stderrText().startsWith("rewind: ") && index.stderrText().contains("symbolic link")
                    && index.stderrText().contains(trace.resolve(linked).toString()), index::describe);
            try (Stream<Path> there = Files.list(elsewhere)) {
                assertEquals(List.of(), there.toList(), "nothing written where " + linked + " points");
            }
            if (linked.getNameCount() == 1) {
                RunResult info = rewind("info", trace.toString());
                assertEquals(ExitStatus.REWIND_FAILED, info.exitCode(), info::describe);
                assertTrue(info.stderrText().contains("symbolic link"), info::describe);
            }
            RunResult replay = ScenarioRunner.replay(trace);
            assertEquals(0, replay.exitCode(), replay::describe);
        }
    }

    private RunResult rewind(String... args) {
        return ScenarioRunner.rewind(tmp, args);
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
