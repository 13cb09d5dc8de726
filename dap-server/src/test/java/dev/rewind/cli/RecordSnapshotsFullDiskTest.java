/*
 * RecordSnapshotsFullDiskTest: `rewind record --snapshots` on a real disk that fills up part way
 * (a small tmpfs, grown from round to round so that it fills at different moments of the
 * recording). Whatever happens, the snapshots taken before the disk filled are kept: each listed
 * by `rewind info` is one a recording with room takes too (at the same event), reads back
 * with every page checked, and a replay restored from it ends where a plain replay of the same
 * recording does; the snapshot cut short is dropped (no body or scratch file is left), the agent
 * says once that it takes no more, and no stack trace shows. Over the rounds, at least one keeps
 * some snapshots after the disk filled. Mounting needs root: CI runs as root, so a failed mount
 * fails the test (it is not skipped).
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.session.Stop;
import dev.rewind.core.snapshot.Snapshots;
import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 15, unit = TimeUnit.MINUTES) // (every command inside has its own timeout)
class RecordSnapshotsFullDiskTest {
    private static final long KIB = 1024;
    /** What may be in snapshots/ once a recording has ended, however it ended. */
    private static final Pattern STORED = Pattern.compile("[0-9]+\\.snap|pages(/[0-9a-f]{2}(/[0-9a-f]{64})?)?");

    @TempDir
    Path tmp;

    /** The tmpfs mount point while it is mounted. */
    private Path disk;

    @AfterEach
    void unmount() {
        if (disk != null && command("umount", disk.toString()).exitCode() != 0) {
            command("umount", "-l", disk.toString());
        }
    }

    @Test
    void snapshotsTakenBeforeTheDiskFilledAreKept() throws Exception {
        String program = ScenarioRunner.scenario("heavy_malloc").toString();
        Path reference = tmp.resolve("reference");
        RunResult roomy = record(reference, program);
        assertEquals(0, roomy.exitCode(), roomy::describe);
        JsonNode expected = info(reference).path("snapshots");
        assertTrue(expected.size() >= 6, expected::toString);
        long recording = bytesOf(reference) - bytesOf(reference.resolve("snapshots"));

        mount(recording + 8192 * KIB);
        int keptAfterFilling = 0;
        for (long room = 512 * KIB; room <= 4096 * KIB; room += 512 * KIB) {
            Path trace = disk.resolve("trace-" + room / KIB);
            resize(recording + room);
            RunResult r = record(trace, program);
            String err = r.stderrText();
            assertFalse(err.contains("\tat ") || err.contains("Exception"), r::describe);
            boolean filled = err.contains("No space left on device");
            assertTrue(filled || r.exitCode() == 0, r::describe);
            assertTrue(err.lines().filter(l -> l.contains("the disk is full")).count() <= 1, r::describe);
            assertFalse(err.contains("cannot write the snapshot"), "said once, not for every snapshot: " + r.describe());
            JsonNode kept = keptSnapshots(trace, expected);
            if (filled && kept.size() > 0) {
                keptAfterFilling++;
            }
            System.out.println("record --snapshots with " + room / KIB + " KiB of room: " + kept.size() + " kept, "
                    + (filled ? "the disk filled" : "the disk did not fill"));
            deleteTree(trace); // room for the next round
        }
        assertTrue(keptAfterFilling > 0, "some round kept snapshots after the disk filled");
    }

    /**
     * The snapshots `rewind info` lists for {@code trace}, after checking each: one the recording
     * with room took too, it reads back, and a replay restored from it ends as a plain one does;
     * nothing but stored snapshots is left in snapshots/.
     */
    private JsonNode keptSnapshots(Path trace, JsonNode expected) throws Exception {
        Path dir = trace.resolve("snapshots");
        if (Files.notExists(dir)) {
            return new ObjectMapper().createArrayNode();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> left = files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString())
                    .filter(name -> !STORED.matcher(name).matches()).toList();
            assertEquals(List.of(), left, "no body, scratch or half-written file is left");
        }
        JsonNode info = info(trace);
        JsonNode listed = info.path("snapshots");
        List<Long> all = new ArrayList<>(); // (a new recording: its pages may differ a little, its events do not)
        expected.forEach(s -> all.add(s.path("event").asLong()));
        long events = info.path("events").asLong();
        if (listed.isEmpty()) {
            return listed; // (the recording may hold no program start then: nothing to replay)
        }
        Snapshots snapshots = new Snapshots(trace);
        try (ReplaySession session = new SessionLauncher(IndexRunner.launch(), OutputListener.IGNORE).open(trace,
                OutputListener.IGNORE)) {
            Stop end = session.runToEvent(EventIndex.of(events));
            for (JsonNode s : listed) {
                long event = s.path("event").asLong();
                assertTrue(all.contains(event), "listed " + s + ", taken with room " + expected);
                assertTrue(event <= events, "within the recording: " + s);
                assertDoesNotThrow(() -> snapshots.read(event), "listed " + s + " reads back");
                assertEquals(event, snapshots.restoreInto(session, event).event().value(), s::toString);
                assertEquals(end, session.runToEvent(EventIndex.of(events)), "replayed on from " + s);
            }
        }
        return listed;
    }

    private RunResult record(Path trace, String program) {
        return ScenarioRunner.run(List.of(ScenarioRunner.rewindScript().toString(), "record", "-o", trace.toString(),
                "--snapshots=4", "--", program), new byte[0], tmp, ScenarioRunner.scenarioEnv(), ScenarioRunner.TIMEOUT);
    }

    private JsonNode info(Path trace) throws Exception {
        RunResult r = ScenarioRunner.rewind(tmp, "info", trace.toString());
        assertEquals(0, r.exitCode(), r::describe);
        return new ObjectMapper().readTree(r.stdoutText());
    }

    /** The bytes tmpfs charges for the files under {@code dir} (whole pages). */
    private static long bytesOf(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                total += (Files.size(p) + 4095) / 4096 * 4096;
            }
            return total;
        }
    }

    /** Mounts a private tmpfs of {@code bytes} at tmp/disk. */
    private void mount(long bytes) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("disk"));
        RunResult r = command("mount", "-t", "tmpfs", "-o", "size=" + bytes / KIB + "k,mode=0700", "tmpfs",
                dir.toString());
        if (r.exitCode() != 0) {
            fail("cannot mount a tmpfs at " + dir + ": this test fills a real disk and must run as root (CI does)\n"
                    + r.describe());
        }
        disk = dir;
    }

    /** Makes the (empty) tmpfs {@code bytes} large. */
    private void resize(long bytes) {
        RunResult r = command("mount", "-o", "remount,size=" + bytes / KIB + "k", disk.toString());
        assertEquals(0, r.exitCode(), r::describe);
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private RunResult command(String... args) {
        return ScenarioRunner.run(List.of(args), new byte[0], tmp, Map.of(), ScenarioRunner.TIMEOUT);
    }
}
