/*
 * RecordFullDiskTest: `rewind record` of a plain program whose trace fills the disk (a small
 * tmpfs; the program, coreutils' head, reads 24 MB of /dev/urandom, which the trace must keep)
 * stops with one clear message naming the full disk and a failure status, no stack trace and no
 * process left; what was written replays up to there: `rewind replay` prints a prefix of what the
 * program printed while recorded (some of it, not all) and says the recording was cut short.
 * Mounting needs root: CI runs as root, so a failed mount fails the test (it is not skipped).
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rewind.scenarios.Leftovers;
import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES) // (every command inside has its own timeout)
class RecordFullDiskTest {
    private static final int BYTES = 24_000_000;

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
    void aRecordingThatFillsTheDiskStopsClearlyAndReplaysUpToThere() throws Exception {
        Path program = tmp.resolve("head-fills-the-disk"); // a unique name to find leftovers by
        Files.copy(Path.of("/usr/bin/head"), program);
        mount("8m");
        Path trace = disk.resolve("trace");
        RunResult rec = ScenarioRunner.run(List.of(ScenarioRunner.rewindScript().toString(), "record", "-o",
                trace.toString(), "--", program.toString(), "-c", String.valueOf(BYTES), "/dev/urandom"), new byte[0],
                tmp, ScenarioRunner.scenarioEnv(), ScenarioRunner.TIMEOUT);
        String err = rec.stderrText();
        assertNotEquals(0, rec.exitCode(), rec::describe);
        assertTrue(err.contains("cannot write the trace") && err.contains("No space left on device"), rec::describe);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), rec::describe);
        assertTrue(rec.stdout().length < BYTES, "the program was stopped: " + rec.describe());
        new Leftovers().assertNoneLeft(program.toString(), "a recording that filled the disk");

        RunResult replay = ScenarioRunner.replay(trace);
        assertNotEquals(0, replay.exitCode(), replay::describe);
        assertTrue(replay.stderrText().contains("cut short"), replay::describe);
        assertTrue(replay.stdout().length > 0 && replay.stdout().length <= rec.stdout().length, replay::describe);
        assertArrayEquals(Arrays.copyOf(rec.stdout(), replay.stdout().length), replay.stdout(),
                "the replay prints what the program printed, up to where the trace ends");
        assertEquals(0, command("umount", disk.toString()).exitCode());
        disk = null;
    }

    /** Mounts a private tmpfs of {@code size} at tmp/disk. */
    private void mount(String size) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("disk"));
        RunResult r = command("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString());
        if (r.exitCode() != 0) {
            fail("cannot mount a tmpfs at " + dir + ": this test fills a real disk and must run as root (CI does)\n"
                    + r.describe());
        }
        disk = dir;
    }

    private RunResult command(String... args) {
        return ScenarioRunner.run(List.of(args), new byte[0], tmp, Map.of(), ScenarioRunner.TIMEOUT);
    }
}
