/*
 * ThreadedProgramsTest: real multithreaded programs, recorded once and replayed twice byte for
 * byte: a Python `threading` pool (native/tests/threads/pool.py) and a C++ std::thread pool
 * (pool.cpp, compiled here with g++). Each prints a hash of which thread took which job, so a
 * replay that scheduled the threads otherwise would print something else.
 */
package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadedProgramsTest {
    @TempDir
    Path tmp;

    private static Path source(String name) {
        return ScenarioRunner.root().resolve("native/tests/threads").resolve(name);
    }

    private void recordsAndReplaysTwice(String label, String program, String... args) {
        Path trace = tmp.resolve("trace");
        RunResult recorded = ScenarioRunner.record(trace, new byte[0], program, args);
        assertEquals(0, recorded.exitCode(), () -> label + " recorded\n" + recorded.describe());
        assertTrue(ScenarioRunner.dump(trace).stdoutText().contains("\"kind\":\"thread\""),
                label + " ran several threads under the recorder");
        assertReplayMatches(recorded, ScenarioRunner.replay(trace), "first replay of " + label);
        assertReplayMatches(recorded, ScenarioRunner.replay(trace), "second replay of " + label);
    }

    @Test
    void pythonThreadingPool() {
        recordsAndReplaysTwice("python3 pool.py", "python3", source("pool.py").toString());
    }

    @Test
    void cxxStdThreadPool() {
        Path binary = tmp.resolve("pool");
        RunResult gxx = ScenarioRunner.run(List.of("g++", "-std=c++17", "-O1", "-pthread", "-o", binary.toString(),
                source("pool.cpp").toString()), new byte[0], tmp, ScenarioRunner.scenarioEnv(), Duration.ofSeconds(120));
        assertEquals(0, gxx.exitCode(), gxx::describe);
        recordsAndReplaysTwice("pool.cpp", binary.toString());
    }
}
