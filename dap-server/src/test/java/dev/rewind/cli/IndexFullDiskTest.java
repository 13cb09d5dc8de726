/*
 * IndexFullDiskTest: `rewind index` on a real disk that fills up part way: a small tmpfs holding a
 * recording, grown step by step (remounted) so that the disk fills where each failure can happen:
 * the agent writing a snapshot's body, the page store storing its pages, its manifest, and after
 * some snapshots were stored. Each time `rewind index` exits 125 with one line saying the disk is
 * full and the recording is untouched; the recording's files are byte-identical; no scratch or
 * half-written file is left; `rewind info` works and lists only complete snapshots (ones an index
 * with room stores too, each reading back with every page checked). `rewind replay` still works,
 * sessions open from the snapshots kept, and once there is room, indexing again finishes the job.
 * Mounting needs root: CI runs as root, so a failed mount fails the test (it is not skipped).
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
import dev.rewind.core.snapshot.SnapshotBody;
import dev.rewind.core.snapshot.Snapshots;
import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFullDiskTest {
    /** tmpfs charges every file whole pages. */
    private static final long PAGE = 4096;
    /** What may be in snapshots/ once an index has ended, however it ended. */
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
    void aFullDiskLeavesTheRecordingIntactAndSaysSo() throws Exception {
        Path recorded = tmp.resolve("recorded");
        RunResult rec = ScenarioRunner.record(recorded, new byte[0], ScenarioRunner.scenario("uname").toString());
        assertEquals(0, rec.exitCode(), rec::describe);

        // The reference: the same recording indexed on a disk with room.
        Path reference = tmp.resolve("reference");
        copy(recorded, reference);
        RunResult indexed = rewind("index", reference.toString());
        assertEquals(0, indexed.exitCode(), indexed::describe);
        JsonNode info = info(reference);
        JsonNode expected = info.path("snapshots");
        assertTrue(expected.size() >= 3, expected::toString);
        long need = pagesOf(reference.resolve("snapshots"));
        Matcher first = Pattern.compile("snapshot at event [0-9]+: [0-9]+ pages, ([0-9]+) new")
                .matcher(indexed.stdoutText());
        assertTrue(first.find(), indexed::describe);
        long firstPages = Long.parseLong(first.group(1)); // its distinct pages: the store was empty
        long firstBody = 0;
        long largestBody = 0;
        for (JsonNode s : expected) {
            long body = new Snapshots(reference).read(s.path("event").asLong()).length;
            firstBody = firstBody == 0 ? body : firstBody;
            largestBody = Math.max(largestBody, body);
        }

        mount(2 * pagesOf(recorded) + 2 * need + 2 * largestBody);
        Path trace = disk.resolve("trace");
        copy(recorded, trace);
        Map<String, String> recording = recordingFiles(trace);
        assertEquals(recordingFiles(recorded), recording);

        // No room for the body the agent writes for the first snapshot.
        resize(PAGE);
        assertEquals(0, fillsUp(trace, recording, expected).size());
        // Room for that body but not for its pages: the page store fills with the snapshot half stored.
        resize(roundUp(firstBody) + 2 * PAGE);
        assertEquals(0, fillsUp(trace, recording, expected).size(), "a half-stored snapshot is not listed");
        // Room for that body and the rest of its pages (each compresses into one tmpfs page), not for
        // its manifest: the page store holds the whole snapshot, yet it is not one.
        resize(roundUp(firstBody) + (firstPages - pageFiles(trace)) * PAGE);
        assertEquals(0, fillsUp(trace, recording, expected).size(), "a snapshot without its manifest is not listed");
        assertEquals(firstPages, pageFiles(trace), "every page of the first snapshot was stored");
        // Room for about half the snapshots: some are stored before the disk fills.
        resize(need / 2);
        JsonNode kept = fillsUp(trace, recording, expected);
        assertFalse(kept.isEmpty(), "the snapshots stored before the disk filled are kept");

        // The recording replays as before, and sessions open from the snapshots kept (given room
        // for the body handed to the agent).
        RunResult replay = ScenarioRunner.replay(trace);
        assertEquals(0, replay.exitCode(), replay::describe);
        assertTrue(replay.sameAs(ScenarioRunner.replay(recorded)), replay::describe);
        resize(need + 2 * largestBody);
        opensFrom(trace, kept, info.path("events").asLong());

        // With room, indexing again finishes the job.
        RunResult done = rewind("index", trace.toString());
        assertEquals(0, done.exitCode(), done::describe);
        assertEquals(expected, completeSnapshots(trace, expected));
        assertEquals(recording, recordingFiles(trace));
        isPrivate(trace.resolve("snapshots"));
    }

    /**
     * Runs `rewind index` on a disk too small for it and checks what it leaves: the message, the
     * recording, the snapshots folder and `rewind info`. Returns the snapshots listed.
     */
    private JsonNode fillsUp(Path trace, Map<String, String> recording, JsonNode expected) throws Exception {
        RunResult r = rewind("index", trace.toString());
        String err = r.stderrText();
        assertEquals(ExitStatus.REWIND_FAILED, r.exitCode(), r::describe);
        assertEquals(1, err.lines().count(), r::describe);
        assertTrue(err.startsWith("rewind: "), r::describe);
        assertTrue(err.contains("disk is full") && err.contains("No space left on device"), r::describe);
        assertTrue(err.contains("recording itself is untouched") && err.contains("can still be debugged"),
                r::describe);
        assertEquals(recording, recordingFiles(trace), "the recording is byte for byte what it was");
        try (Stream<Path> files = Files.walk(trace.resolve("snapshots"))) {
            List<String> left = files.filter(p -> !p.equals(trace.resolve("snapshots")))
                    .map(p -> trace.resolve("snapshots").relativize(p).toString())
                    .filter(name -> !STORED.matcher(name).matches()).toList();
            assertEquals(List.of(), left, "no scratch or half-written file is left");
        }
        return completeSnapshots(trace, expected);
    }

    /**
     * The snapshots `rewind info` lists for {@code trace}, after checking each is complete: one the
     * index on a disk with room stored too (the same event and pages), and it reads back, its
     * manifest and every page checked.
     */
    private JsonNode completeSnapshots(Path trace, JsonNode expected) throws Exception {
        JsonNode listed = info(trace).path("snapshots");
        List<JsonNode> all = new ArrayList<>();
        expected.forEach(all::add);
        for (JsonNode s : listed) {
            assertTrue(all.contains(s), "listed " + s + ", stored with room " + expected);
            long event = s.path("event").asLong();
            byte[] body = assertDoesNotThrow(() -> new Snapshots(trace).read(event), "listed " + s + " reads back");
            assertEquals(event, SnapshotBody.event(body));
        }
        return listed;
    }

    /** A replay restored from each of {@code listed} stands at its event and ends where a plain replay does. */
    private static void opensFrom(Path trace, JsonNode listed, long events) throws Exception {
        Snapshots snapshots = new Snapshots(trace);
        try (ReplaySession session = new SessionLauncher(IndexRunner.launch(), OutputListener.IGNORE).open(trace,
                OutputListener.IGNORE)) {
            Stop end = session.runToEvent(EventIndex.of(events));
            for (JsonNode s : listed) {
                long event = s.path("event").asLong();
                assertEquals(event, snapshots.restoreInto(session, event).event().value(), s::toString);
                assertEquals(end, session.runToEvent(EventIndex.of(events)), "replayed on from " + s);
            }
        }
    }

    private JsonNode info(Path trace) throws Exception {
        RunResult r = rewind("info", trace.toString());
        assertEquals(0, r.exitCode(), r::describe);
        return new ObjectMapper().readTree(r.stdoutText());
    }

    /** The SHA-256 of every file of the recording but its snapshots, by path. */
    private static Map<String, String> recordingFiles(Path trace) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(trace)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!p.startsWith(trace.resolve("snapshots"))) {
                    out.put(trace.relativize(p).toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        }
        return out;
    }

    /** Snapshots are private: folders 0700, files 0600. */
    private static void isPrivate(Path snapshots) throws Exception {
        try (Stream<Path> all = Files.walk(snapshots)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------",
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
            }
        }
    }

    /** The bytes tmpfs charges for the files under {@code dir}. */
    private static long pagesOf(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                total += roundUp(Files.size(p));
            }
            return total;
        }
    }

    /** How many pages the page store of {@code trace} holds. */
    private static long pageFiles(Path trace) throws Exception {
        try (Stream<Path> files = Files.walk(trace.resolve("snapshots/pages"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static long roundUp(long bytes) {
        return (bytes + PAGE - 1) / PAGE * PAGE;
    }

    /** Mounts a private tmpfs of {@code bytes} at tmp/disk. */
    private void mount(long bytes) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("disk"));
        RunResult r = command("mount", "-t", "tmpfs", "-o", "size=" + roundUp(bytes) / 1024 + "k,mode=0700", "tmpfs",
                dir.toString());
        if (r.exitCode() != 0) {
            fail("cannot mount a tmpfs at " + dir + ": this test fills a real disk and must run as root (CI does)\n"
                    + r.describe());
        }
        disk = dir;
    }

    /** Makes the tmpfs {@code free} bytes larger than what it holds now. */
    private void resize(long free) throws Exception {
        FileStore store = Files.getFileStore(disk);
        long used = store.getTotalSpace() - store.getUnallocatedSpace();
        RunResult r = command("mount", "-o", "remount,size=" + roundUp(used + free) / 1024 + "k", disk.toString());
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(roundUp(free), store.getUnallocatedSpace(), "free space on " + disk);
    }

    /** Copies a recording with its modes (cp -a). */
    private void copy(Path from, Path to) {
        RunResult r = command("cp", "-a", from.toString(), to.toString());
        assertEquals(0, r.exitCode(), r::describe);
    }

    private RunResult rewind(String... args) {
        return ScenarioRunner.rewind(tmp, args);
    }

    private RunResult command(String... args) {
        return ScenarioRunner.run(List.of(args), new byte[0], tmp, Map.of(), ScenarioRunner.TIMEOUT);
    }
}
