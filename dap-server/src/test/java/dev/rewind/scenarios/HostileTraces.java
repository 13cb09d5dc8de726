package dev.rewind.scenarios;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the tests of hostile traces share: copying a recording, putting a FIFO, a link or a folder in
 * place of one of its files, and running `rewind` with a marker in its environment so that any
 * process it leaves behind (its agent) can be found afterwards, even once reparented to init.
 */
public final class HostileTraces {
    /** Each run of a command on a damaged trace must end within this (a hang fails the test). */
    public static final Duration RUN_TIMEOUT = Duration.ofSeconds(Long.getLong("rewind.fuzz.timeout", 30));

    private static final String MARK_VARIABLE = "REWIND_TEST_RUN_MARK";
    private static final String MARK = MARK_VARIABLE + "=" + UUID.randomUUID();

    private HostileTraces() {}

    /** A copy of the trace folder {@code from} at {@code to} (regular files and folders only). */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** The files of a trace a replay reads: header, events and every blob, relative to the trace. */
    public static List<String> files(Path trace) throws IOException {
        List<String> out = new ArrayList<>(List.of("header", "events"));
        try (Stream<Path> blobs = Files.list(trace.resolve("blobs"))) {
            blobs.map(p -> "blobs/" + p.getFileName()).sorted().forEach(out::add);
        }
        return out;
    }

    /** What may take the place of a file of a trace. */
    public enum Special {
        FIFO, LINK_TO_OUTSIDE, LINK_INSIDE, FOLDER, DEVICE_LINK;

        /** Replaces {@code file} (which exists) by this kind of special file. */
        public void replace(Path file) throws IOException {
            Files.delete(file);
            switch (this) {
                case FIFO -> mkfifo(file);
                case LINK_TO_OUTSIDE -> Files.createSymbolicLink(file, Path.of("/etc/passwd"));
                case LINK_INSIDE -> Files.createSymbolicLink(file, Path.of("../header"));
                case FOLDER -> Files.createDirectory(file);
                case DEVICE_LINK -> Files.createSymbolicLink(file, Path.of("/dev/zero"));
            }
        }
    }

    /** Makes a FIFO at {@code path} with mkfifo(1). */
    public static void mkfifo(Path path) throws IOException {
        RunResult r = ScenarioRunner.run(List.of("mkfifo", "-m", "600", path.toString()), new byte[0],
                path.getParent(), Map.of(), Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            throw new IOException("mkfifo " + path + " failed: " + r.stderrText());
        }
    }

    /** `rewind ARGS...` in {@code cwd}, marked, under {@link #RUN_TIMEOUT}; it must leave no process behind. */
    public static RunResult rewind(Path cwd, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ScenarioRunner.rewindScript().toString()));
        cmd.addAll(List.of(args));
        String[] mark = MARK.split("=", 2);
        RunResult r = ScenarioRunner.run(cmd, ScenarioRunner.REPLAY_STDIN, cwd, Map.of(mark[0], mark[1]), RUN_TIMEOUT);
        assertNothingLeftBehind(String.join(" ", args));
        return r;
    }

    /**
     * No process carrying this JVM's mark is alive: the runs' agents ended with them. A process
     * still ending is given a few seconds (the check does not measure time; it only bounds a wait).
     */
    public static void assertNothingLeftBehind(String after) {
        List<ProcessHandle> left = marked();
        for (int i = 0; i < 100 && !left.isEmpty(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = marked();
        }
        if (!left.isEmpty()) {
            String described = left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList().toString();
            left.forEach(ProcessHandle::destroyForcibly);
            fail("processes left behind after `rewind " + after + "`: " + described);
        }
    }

    /** Live processes whose environment holds this JVM's mark (read from /proc; ours are readable). */
    private static List<ProcessHandle> marked() {
        return ProcessHandle.allProcesses().filter(p -> p.isAlive() && hasMark(p.pid())).toList();
    }

    private static boolean hasMark(long pid) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            for (String entry : new String(env, StandardCharsets.UTF_8).split("\0")) {
                if (entry.equals(MARK)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | SecurityException e) {
            return false; // gone, or not ours to read: not one of our runs
        }
    }
}
