package dev.rewind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ./rewind} command line and the scenario programs as subprocesses, the way a
 * user at a shell would, and collects what they printed. Every run has a timeout: a hang fails the
 * test instead of stalling the build.
 */
public final class ScenarioRunner {

    /** The longest any single record, replay or dump may take before the test fails (-Drewind.test.timeout=SECONDS). */
    public static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("rewind.test.timeout", 60));

    /** Bytes offered on stdin to every replay: a replay that reads stdin prints something else. */
    public static final byte[] REPLAY_STDIN =
            "replay must not read this: it was not in the recording\n".getBytes(StandardCharsets.UTF_8);

    /** A variable set in every recorded program's environment, printed by the environment scenarios. */
    public static final String SCENARIO_VAR = "REWIND_SCENARIO_VAR";
    public static final String SCENARIO_VAR_VALUE = "set by the test, with spaces and ü";

    private static volatile boolean scenariosBuilt;
    private static volatile boolean rewindReady;

    private ScenarioRunner() {}

    /** The repository root: the folder holding {@code rewind} and {@code pom.xml}. */
    public static Path root() {
        String prop = System.getProperty("rewind.root");
        if (prop != null && !prop.isBlank()) {
            Path p = Paths.get(prop).toAbsolutePath().normalize();
            if (Files.isRegularFile(p.resolve("rewind"))) {
                return p;
            }
        }
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("rewind")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder with ./rewind and pom.xml)"
                + " from rewind.root=" + prop + " or user.dir=" + System.getProperty("user.dir"));
    }

    /** {@code ./rewind}, after one untimed-ish first call that lets it build whatever it lacks. */
    public static Path rewindScript() {
        Path script = root().resolve("rewind");
        ensureRewindReady(script);
        return script;
    }

    /**
     * ./rewind builds what is missing on first use; that build must not count against the per-run
     * timeout, so the first call in a test JVM is {@code ./rewind --help} with a generous one.
     */
    private static synchronized void ensureRewindReady(Path script) {
        if (rewindReady) {
            return;
        }
        RunResult r = run(List.of(script.toString(), "--help"), new byte[0], root(), Map.of(), Duration.ofMinutes(15));
        assertEquals(0, r.exitCode(), () -> "./rewind --help failed\n" + r.describe());
        rewindReady = true;
    }

    /** The built scenario program {@code native/build/scenarios/NAME}, building the scenarios first if needed. */
    public static Path scenario(String name) {
        ensureScenariosBuilt();
        Path p = root().resolve("native/build/scenarios").resolve(name);
        assertTrue(Files.isExecutable(p), "scenario program not built: " + p);
        return p;
    }

    /** Runs {@code make -C native scenarios} once per test JVM (make itself skips what is up to date). */
    public static synchronized void ensureScenariosBuilt() {
        if (scenariosBuilt) {
            return;
        }
        RunResult r = run(List.of("make", "-s", "-C", root().resolve("native").toString(), "scenarios"),
                new byte[0], root(), Map.of(), Duration.ofMinutes(5));
        assertEquals(0, r.exitCode(), () -> "make -C native scenarios failed\n" + r.describe());
        scenariosBuilt = true;
    }

    /** {@code ./rewind record -o TRACE -- PROGRAM ARGS...} with {@code stdin} as the program's input. */
    public static RunResult record(Path traceDir, byte[] stdin, String program, String... args) {
        return run(recordCommand(traceDir, program, args), stdin, workDir(traceDir), scenarioEnv(), TIMEOUT);
    }

    public static List<String> recordCommand(Path traceDir, String program, String... args) {
        List<String> cmd = new ArrayList<>(List.of(rewindScript().toString(), "record", "-o", traceDir.toString(), "--", program));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code ./rewind replay TRACE}, offered {@link #REPLAY_STDIN}, which it must not read. */
    /** Runs `rewind ARGS...` in cwd, with no input. */
    public static RunResult rewind(Path cwd, String... args) {
        List<String> cmd = new ArrayList<>(List.of(rewindScript().toString()));
        cmd.addAll(List.of(args));
        return run(cmd, new byte[0], cwd, Map.of(), TIMEOUT);
    }

    public static RunResult replay(Path traceDir) {
        return run(List.of(rewindScript().toString(), "replay", traceDir.toString()), REPLAY_STDIN,
                workDir(traceDir), Map.of(), TIMEOUT);
    }

    /** {@code ./rewind dump TRACE}. */
    public static RunResult dump(Path traceDir) {
        return run(List.of(rewindScript().toString(), "dump", traceDir.toString()), new byte[0],
                workDir(traceDir), Map.of(), TIMEOUT);
    }

    /** The environment added to the test JVM's for recorded programs. */
    public static Map<String, String> scenarioEnv() {
        return Map.of(SCENARIO_VAR, SCENARIO_VAR_VALUE);
    }

    private static Path workDir(Path traceDir) {
        Path parent = traceDir.toAbsolutePath().getParent();
        return parent != null && Files.isDirectory(parent) ? parent : root();
    }

    /** Runs {@code command} to completion (or kills it and its descendants after {@code timeout}). */
    public static RunResult run(List<String> command, byte[] stdin, Path cwd, Map<String, String> env, Duration timeout) {
        Running r = start(command, stdin, cwd, env);
        return r.finish(timeout);
    }

    /** Starts {@code command} with {@code stdin} written to it and then closed; output is collected as it comes. */
    public static Running start(List<String> command, byte[] stdin, Path cwd, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().putAll(env);
        try {
            return new Running(command, pb.start(), stdin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** A started command whose output is being collected by background threads. */
    public static final class Running {
        private final List<String> command;
        private final Process process;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final Thread outPump;
        private final Thread errPump;

        Running(List<String> command, Process process, byte[] stdin) {
            this.command = command;
            this.process = process;
            this.outPump = pump(process.getInputStream(), out, "stdout");
            this.errPump = pump(process.getErrorStream(), err, "stderr");
            Thread feeder = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException ignored) {
                    // The command closed its stdin without reading all of it: allowed.
                }
            }, "stdin-feeder");
            feeder.setDaemon(true);
            feeder.start();
        }

        private Thread pump(InputStream from, ByteArrayOutputStream to, String name) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                try (from) {
                    int n;
                    while ((n = from.read(buf)) > 0) {
                        synchronized (to) {
                            to.write(buf, 0, n);
                        }
                    }
                } catch (IOException ignored) {
                    // The stream was closed under us because the process was killed.
                }
            }, name + "-pump");
            t.setDaemon(true);
            t.start();
            return t;
        }

        public Process process() {
            return process;
        }

        /** What the command has printed on stdout so far. */
        public String stdoutSoFar() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits up to {@code timeout} for {@code text} to appear on stdout; false if it did not. */
        public boolean awaitStdout(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (stdoutSoFar().contains(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    return stdoutSoFar().contains(text);
                }
                Thread.sleep(20);
            }
            return false;
        }

        /** Waits for the command to end; after {@code timeout} kills it (and its descendants) and fails. */
        public RunResult finish(Duration timeout) {
            boolean done;
            try {
                done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                killTree(process.toHandle());
            }
            try {
                process.waitFor(10, TimeUnit.SECONDS);
                outPump.join(10_000);
                errPump.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RunResult result;
            synchronized (out) {
                synchronized (err) {
                    result = new RunResult(out.toByteArray(), err.toByteArray(), exitStatus(process));
                }
            }
            if (!done) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s (killed): "
                        + String.join(" ", command) + "\n" + result.describe());
            }
            return result;
        }

        private static int exitStatus(Process p) {
            return p.isAlive() ? -1 : p.exitValue();
        }
    }

    /** Kills a process and every process below it with SIGKILL. */
    public static void killTree(ProcessHandle h) {
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
    }
}
