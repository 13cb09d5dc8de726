package dev.rewind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace holds everything the program read (files, stdin, network data), so it is private to its
 * owner whatever the umask: folders 0700, files 0600. Also: without -o, recordings go to a per-user
 * folder with a "latest" link.
 */
class TracePermissionsTest {

    @TempDir
    Path tmp;

    @Test
    void traceIsPrivateEvenUnderAPermissiveUmask() throws IOException {
        Path trace = tmp.resolve("t");
        // A program that maps a file so the trace has blobs too.
        String cmd = "umask 000; exec \"$0\" record -o \"$1\" -- \"$2\"";
        RunResult r = ScenarioRunner.run(List.of("sh", "-c", cmd, ScenarioRunner.rewindScript().toString(),
                trace.toString(), ScenarioRunner.scenario("demo").toString()), new byte[0], tmp, Map.of(), ScenarioRunner.TIMEOUT);
        assertEquals(0, r.exitCode(), r::describe);
        assertPrivate(trace);
    }

    static void assertPrivate(Path trace) throws IOException {
        List<String> wrong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(trace)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                String want = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files++;
                }
                if (!perms.equals(want)) {
                    wrong.add(trace.relativize(p) + " is " + perms);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "trace entries with the wrong mode: " + wrong);
        assertTrue(Files.isRegularFile(trace.resolve("header")) && Files.isRegularFile(trace.resolve("events")),
                "trace lacks header or events");
        assertTrue(files >= 3, "expected the header, the events and at least one blob, found " + files + " files");
    }

    @Test
    void withoutDashOTheRecordingGoesToAPerUserFolderWithALatestLink() throws IOException {
        Path data = tmp.resolve("xdg-data");
        RunResult rec = ScenarioRunner.run(List.of(ScenarioRunner.rewindScript().toString(), "record", "--",
                ScenarioRunner.scenario("demo").toString()), new byte[0], tmp, Map.of("XDG_DATA_HOME", data.toString()),
                ScenarioRunner.TIMEOUT);
        assertEquals(0, rec.exitCode(), rec::describe);
        Path latest;
        try (Stream<Path> all = Files.walk(data)) {
            latest = all.filter(p -> p.getFileName().toString().equals("latest")).findFirst()
                    .orElseThrow(() -> new AssertionError("no 'latest' under $XDG_DATA_HOME"));
        }
        assertTrue(Files.isDirectory(latest), "'latest' does not lead to a trace folder: " + latest);
        assertPrivate(latest.toRealPath());
        ReplayAssertions.assertReplayMatches(rec, ScenarioRunner.replay(latest), "replay of 'latest'");
    }
}
