package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Programs already on the machine (interpreters, shells, coreutils), recorded once and replayed
 * twice: both replays must reproduce the recording byte for byte, including their random numbers,
 * times and pids.
 */
class RealProgramsTest {

    /** Placeholder in a command for a file of random text the test creates before recording. */
    private static final String FILE = "{file}";

    record Program(String label, List<String> command, String stdin) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Program> programs() {
        StringBuilder unsorted = new StringBuilder();
        Random rnd = new Random(42);
        for (int i = 0; i < 500; i++) {
            unsorted.append("word").append(rnd.nextInt(100000)).append('\n');
        }
        return Stream.of(
                new Program("python3 random/time/pid",
                        List.of("python3", "-c", "import random,time,os; print(random.random(), time.time(), os.getpid())"), ""),
                new Program("perl rand/time", List.of("perl", "-e", "print rand(), \" \", time, \"\\n\""), ""),
                new Program("sh pipeline", List.of("sh", "-c", "echo hello | tr a-z A-Z; date +%N"), ""),
                new Program("ls -la /proc/self/", List.of("ls", "-la", "/proc/self/"), ""),
                new Program("date", List.of("date", "+%s.%N %c"), ""),
                new Program("gzip -c (binary stdout)", List.of("gzip", "-c", FILE), ""),
                new Program("gzip through sh -c", List.of("sh", "-c", "gzip -c \"$1\" | od -An -tx1 | head -n 5; date +%N", "sh", FILE), ""),
                new Program("sort stdin", List.of("sort"), unsorted.toString()),
                new Program("sort -R stdin", List.of("sort", "-R"), unsorted.toString()),
                new Program("bash $RANDOM", List.of("bash", "-c", "echo $RANDOM $RANDOM $$ $BASHPID; (echo subshell $BASHPID)"), ""),
                new Program("awk srand", List.of("awk", "BEGIN { srand(); print rand(), srand() }"), ""),
                new Program("od /dev/urandom", List.of("od", "-An", "-N32", "-tx1", "/dev/urandom"), ""),
                new Program("cat /proc/uptime", List.of("cat", "/proc/uptime", "/proc/loadavg"), ""),
                new Program("sh exit status", List.of("sh", "-c", "echo out; echo err >&2; exit 42"), ""),
                new Program("seq (large output)", List.of("seq", "1", "200000"), ""),
                new Program("dd | sha256sum", List.of("sh", "-c", "dd if=/dev/urandom bs=4k count=16 | sha256sum"), ""),
                new Program("ps", List.of("ps", "-o", "pid,ppid,etimes,comm"), ""),
                new Program("env", List.of("env"), ""),
                new Program("stat", List.of("stat", "/tmp", "/proc/self", FILE), ""),
                new Program("wc and tail of a file", List.of("sh", "-c", "wc \"$1\"; tail -c 100 \"$1\"", "sh", FILE), ""));
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void replayReproducesTheRecording(Program p) throws IOException {
        Path file = tmp.resolve("data.txt");
        StringBuilder text = new StringBuilder();
        Random rnd = new Random();
        for (int i = 0; i < 2000; i++) {
            text.append(Long.toHexString(rnd.nextLong())).append(i % 7 == 0 ? '\n' : ' ');
        }
        Files.writeString(file, text);
        List<String> cmd = new ArrayList<>();
        for (String a : p.command()) {
            cmd.add(a.equals(FILE) ? file.toString() : a);
        }
        Path trace = tmp.resolve("trace");
        byte[] stdin = p.stdin().getBytes(StandardCharsets.UTF_8);
        RunResult recorded = ScenarioRunner.record(trace, stdin, cmd.get(0), cmd.subList(1, cmd.size()).toArray(String[]::new));
        RunResult alone = ScenarioRunner.run(cmd, stdin, tmp, ScenarioRunner.scenarioEnv(), ScenarioRunner.TIMEOUT);
        assertEquals(alone.exitCode(), recorded.exitCode(),
                () -> p + ": recording's exit status differs from the program's\n=== alone ===\n" + alone.describe()
                        + "\n=== recorded ===\n" + recorded.describe());
        assertTrue(recorded.stdout().length > 0, recorded::describe);
        Files.writeString(file, "changed before replay\n");

        assertReplayMatches(recorded, ScenarioRunner.replay(trace), "first replay of " + p);
        assertReplayMatches(recorded, ScenarioRunner.replay(trace), "second replay of " + p);
    }
}
