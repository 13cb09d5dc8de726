package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fidelity program (native/tests/fidelity: one kernel feature each, self-checking through
 * fidelity.h) behaves the same recorded as run alone, and replays exactly: run natively, no check
 * fails; recorded, no check fails and the same checks pass in the same order; replayed, every byte
 * of stdout and stderr and the exit status are the recording's. A program that Rewind cannot record
 * must say so when recorded (a refusal is not a pass here: no such program is listed).
 */
class FidelityScenarioTest {
    @TempDir
    Path tmp;

    static Stream<String> programs() throws IOException {
        try (Stream<Path> files = Files.list(ScenarioRunner.root().resolve("native/tests/fidelity"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".c"))
                    .map(n -> n.substring(0, n.length() - 2))
                    .sorted()
                    .collect(Collectors.toList())
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void recordsAndReplaysExactly(String name) {
        ScenarioRunner.ensureScenariosBuilt();
        String program = ScenarioRunner.root().resolve("native/build/fidelity").resolve(name).toString();
        RunResult alone = ScenarioRunner.run(List.of(program), new byte[0], tmp, ScenarioRunner.scenarioEnv(),
                ScenarioRunner.TIMEOUT);
        assertFalse(alone.stdoutText().contains("FAIL"), () -> name + " fails when run alone\n" + alone.describe());
        assertEquals(0, alone.exitCode(), () -> name + " run alone\n" + alone.describe());
        assertTrue(alone.stdoutText().contains("ok: "), () -> name + " checks nothing\n" + alone.describe());

        Path trace = tmp.resolve("trace");
        RunResult recorded = ScenarioRunner.record(trace, new byte[0], program);
        assertFalse(recorded.stdoutText().contains("FAIL"), () -> name + " fails when recorded\n" + recorded.describe());
        assertEquals(0, recorded.exitCode(), () -> name + " recorded\n" + recorded.describe());
        assertEquals(okLines(alone), okLines(recorded),
                () -> name + ": other checks passed recorded than alone\n" + recorded.describe());

        RunResult replayed = ScenarioRunner.replay(trace);
        assertReplayMatches(recorded, replayed, "replay of " + name);
    }

    @Test
    void thereAreFidelityPrograms() throws IOException {
        assertTrue(programs().count() >= 1);
    }

    private static List<String> okLines(RunResult r) {
        return r.stdoutText().lines().filter(l -> l.startsWith("ok: ")).collect(Collectors.toList());
    }
}
