package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings made side by side share their copies of mapped files (native/src/blob_store.h): the
 * second recording of a program in a folder costs the disk only what the first did not have, each
 * recording stays whole on its own (deleting one leaves the other replayable), copies no recording
 * needs any more go away, and a folder others can write into is never used for sharing.
 */
class SharedBlobsTest {
    @TempDir
    Path tmp;

    @Test
    void recordingsInOneFolderShareTheirFileCopies() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("traces"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String program = ScenarioRunner.scenario("uname").toString();
        RunResult first = ScenarioRunner.record(folder.resolve("one"), new byte[0], program);
        assertEquals(0, first.exitCode(), first::describe);
        long alone = diskKib(folder);
        RunResult second = ScenarioRunner.record(folder.resolve("two"), new byte[0], program);
        assertEquals(0, second.exitCode(), second::describe);
        long both = diskKib(folder);
        assertTrue(both - alone < alone / 4, () -> "the second recording took " + (both - alone)
                + " KiB more, the first " + alone + " KiB");
        assertTrue(linkCount(anyBlob(folder.resolve("two"))) >= 3, "a copy is linked by both and the store");

        deleteTree(folder.resolve("one"));
        assertReplayMatches(second, ScenarioRunner.replay(folder.resolve("two")), "replay after the other is deleted");
        deleteTree(folder.resolve("two"));
        RunResult third = ScenarioRunner.record(folder.resolve("three"), new byte[0],
                ScenarioRunner.scenario("clocks").toString());
        assertEquals(0, third.exitCode(), third::describe);
        try (Stream<Path> kept = Files.list(folder.resolve(".rewind-blobs"))) {
            assertTrue(kept.allMatch(p -> linkCount(p) >= 2), "copies no recording links are removed");
        }
    }

    @Test
    void aFolderOthersCanWriteIsNotShared() throws IOException {
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        RunResult r = ScenarioRunner.record(open.resolve("one"), new byte[0], ScenarioRunner.scenario("uname").toString());
        assertEquals(0, r.exitCode(), r::describe);
        assertFalse(Files.exists(open.resolve(".rewind-blobs"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(1, linkCount(anyBlob(open.resolve("one"))));
    }

    private static Path anyBlob(Path trace) throws IOException {
        try (Stream<Path> blobs = Files.list(trace.resolve("blobs"))) {
            return blobs.findFirst().orElseThrow();
        }
    }

    private static int linkCount(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long diskKib(Path folder) {
        RunResult du = ScenarioRunner.run(List.of("du", "-sk", folder.toString()), new byte[0], tmp, Map.of(),
                ScenarioRunner.TIMEOUT);
        return Long.parseLong(du.stdoutText().split("\\s+")[0]);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
