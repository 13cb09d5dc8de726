package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario program (native/tests/scenarios, one per kind of nondeterminism) is recorded once
 * and replayed twice; both replays must write the recording's stdout and stderr byte for byte and
 * exit with its status. Each scenario prints values that change from run to run, so a replay that
 * re-computed them instead of reproducing them would fail.
 */
class ScenarioReplayTest {

    /** Programs tested elsewhere because they must not replay like the others. */
    private static final Set<String> TESTED_ELSEWHERE = Set.of("thread_create" /* MultithreadedRecordingTest */, "rdrand",
            "busy_ticker" /* SignalledRecorderTest */, "proc_self_mem_write" /* UnrecordableEffectsTest */,
            "private_file_shrunk" /* UnrecordableEffectsTest */, "vfork_child_mmaps" /* UnrecordableEffectsTest */,
            "seccomp_listener" /* UnrecordableEffectsTest */,
            "child_exit_spin" /* DiscardedSignalTest */, "tree_workers" /* ProcessTreeTest */, "signal_spin_unbounded" /* StuckReplayTest */,
            "signal_spin", "pushf_flags" /* native/tests/test_signal_points.c */,
            "thread_order_race" /* ChaosModeTest */, "thread_named" /* ThreadsDapTest */);

    @TempDir
    Path tmp;

    static Stream<ScenarioCase> cases() {
        return ScenarioCase.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void replayReproducesTheRecording(ScenarioCase c) throws IOException {
        String program = ScenarioRunner.scenario(c.program()).toString();
        Path file = tmp.resolve("input.txt");
        String original = "original content recorded at " + System.nanoTime() + "\nsecond line\n";
        if (c.usesFile()) {
            Files.writeString(file, original);
        }
        String[] args = c.argsWith(file.toString());

        RunResult nativeRun = ScenarioRunner.run(command(program, args), c.stdin(), tmp,
                ScenarioRunner.scenarioEnv(), ScenarioRunner.TIMEOUT);
        Path trace = tmp.resolve("trace");
        RunResult recorded = ScenarioRunner.record(trace, c.stdin(), program, args);

        assertEquals(c.expectedExit(), nativeRun.exitCode(), () -> c + " run alone\n" + nativeRun.describe());
        assertEquals(c.expectedExit(), recorded.exitCode(), () -> c + ": recording's exit status\n" + recorded.describe());
        assertTrue(recorded.stdout().length > 0, () -> c + ": the recording printed nothing\n" + recorded.describe());
        assertEquals(nativeRun.stdoutText().lines().count(), recorded.stdoutText().lines().count(),
                () -> c + ": recording printed a different number of lines than the program run alone\n=== alone ===\n"
                        + nativeRun.describe() + "\n=== recorded ===\n" + recorded.describe());
        if (c.usesFile()) {
            assertTrue(recorded.stdoutText().contains("original content recorded at"),
                    () -> "the recording did not see the file's content\n" + recorded.describe());
        }

        switch (c.between()) {
            case MODIFY_FILE -> Files.writeString(file, "changed after the recording, and longer than before: "
                    + "x".repeat(5000) + "\n");
            case DELETE_FILE -> Files.delete(file);
            case NOTHING -> { }
        }

        RunResult first = ScenarioRunner.replay(trace);
        assertReplayMatches(recorded, first, "first replay of " + c);
        RunResult second = ScenarioRunner.replay(trace);
        assertReplayMatches(recorded, second, "second replay of " + c);
        if (c.between() == ScenarioCase.Between.DELETE_FILE) {
            assertFalse(Files.exists(file), "replay recreated the deleted file");
        }
    }

    /** The scenarios are worth replaying: run twice for real, each prints something different. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void scenarioPrintsSomethingNewOnEveryRun(String name) throws IOException {
        ScenarioCase c = ScenarioCase.all().stream().filter(s -> s.program().equals(name)).findFirst().orElseThrow();
        Path file = tmp.resolve("input.txt");
        Files.writeString(file, "some content\n");
        List<String> cmd = command(ScenarioRunner.scenario(name).toString(), c.argsWith(file.toString()));
        RunResult a = ScenarioRunner.run(cmd, c.stdin(), tmp, ScenarioRunner.scenarioEnv(), Duration.ofSeconds(20));
        RunResult b = ScenarioRunner.run(cmd, c.stdin(), tmp, ScenarioRunner.scenarioEnv(), Duration.ofSeconds(20));
        assertFalse(a.sameAs(b), () -> name + " printed the same thing twice: it proves nothing about replay\n" + a.describe());
    }

    static Stream<String> programs() {
        return ScenarioCase.all().stream().map(ScenarioCase::program).distinct();
    }

    /** Every scenario source has a case here (or a test of its own), so none is silently left out. */
    @Test
    void everyScenarioSourceIsTested() throws IOException {
        Set<String> sources;
        try (Stream<Path> files = Files.list(ScenarioRunner.root().resolve("native/tests/scenarios"))) {
            sources = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".c"))
                    .map(n -> n.substring(0, n.length() - 2))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> tested = new TreeSet<>(TESTED_ELSEWHERE);
        ScenarioCase.all().forEach(c -> tested.add(c.program()));
        Set<String> missing = new TreeSet<>(sources);
        missing.removeAll(tested);
        assertTrue(missing.isEmpty(), "scenario programs without a test case: " + missing);
        assertTrue(sources.size() >= 30, "expected at least 30 scenario programs, found " + sources.size());
    }

    private static List<String> command(String program, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(program);
        cmd.addAll(List.of(args));
        return cmd;
    }
}
