package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same recording guarantees for programs built other ways: statically linked, non-PIE, static
 * PIE, optimised, and written in C++ or Rust (those two only where the compiler is installed).
 * Each is compiled into a temporary folder, recorded once and replayed twice.
 */
class BuildVariantsTest {

    @TempDir
    Path tmp;

    record Variant(String scenario, List<String> flags) {
        @Override
        public String toString() {
            return scenario + " " + String.join(" ", flags);
        }
    }

    static Stream<Variant> variants() {
        return Stream.of(
                new Variant("clocks", List.of("-static")),
                new Variant("clocks", List.of("-fno-pie", "-no-pie")),
                new Variant("demo", List.of("-static-pie")),
                new Variant("rdtsc", List.of("-O2", "-static")),
                new Variant("heavy_malloc", List.of("-static")),
                new Variant("execve", List.of("-static")),
                new Variant("sigsegv_handler", List.of("-O2", "-fno-pie", "-no-pie")),
                new Variant("pipe_child", List.of("-static")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void cVariantReplays(Variant v) throws IOException {
        Path source = ScenarioRunner.root().resolve("native/tests/scenarios/" + v.scenario() + ".c");
        Path binary = tmp.resolve(v.scenario());
        List<String> cc = new ArrayList<>(List.of("gcc", "-std=gnu11", "-g", "-Wall"));
        cc.addAll(v.flags());
        cc.addAll(List.of("-o", binary.toString(), source.toString()));
        compile(cc);
        recordAndReplayTwice(binary);
    }

    @Test
    void cppProgramReplays() throws IOException {
        assumeTrue(onPath("g++"), "g++ is not installed");
        Path source = tmp.resolve("prog.cpp");
        Files.writeString(source, """
                // A small C++ program: iostream, <random>, <chrono>, exceptions, the standard containers.
                #include <algorithm>
                #include <chrono>
                #include <iostream>
                #include <map>
                #include <random>
                #include <stdexcept>
                #include <unistd.h>
                #include <vector>
                int main() {
                    std::random_device rd("/dev/urandom"); // a file: rdrand cannot be recorded
                    std::mt19937_64 gen(rd());
                    std::vector<int> v(20);
                    for (auto &x : v) x = static_cast<int>(gen() % 1000);
                    std::sort(v.begin(), v.end());
                    std::map<int, int> counts;
                    for (int x : v) counts[x % 10]++;
                    auto now = std::chrono::system_clock::now().time_since_epoch();
                    std::cout << "pid " << getpid() << " now "
                              << std::chrono::duration_cast<std::chrono::nanoseconds>(now).count() << "\\n";
                    for (int x : v) std::cout << x << ' ';
                    std::cout << "\\nbuckets " << counts.size() << std::endl;
                    try {
                        throw std::runtime_error("thrown at " + std::to_string(gen() % 100000));
                    } catch (const std::exception &e) {
                        std::cerr << "caught: " << e.what() << std::endl;
                    }
                    return 3;
                }
                """);
        Path binary = tmp.resolve("prog-cpp");
        compile(List.of("g++", "-O1", "-g", "-o", binary.toString(), source.toString()));
        recordAndReplayTwice(binary);
    }

    @Test
    void rustProgramReplays() throws IOException {
        assumeTrue(onPath("rustc"), "rustc is not installed");
        Path source = tmp.resolve("prog.rs");
        Files.writeString(source, """
                // A small Rust program: HashMap iteration order (seeded from getrandom), the clock, the pid,
                // a child process, stdout and stderr.
                use std::collections::HashMap;
                use std::time::{Instant, SystemTime, UNIX_EPOCH};
                fn main() {
                    let start = Instant::now();
                    let mut m = HashMap::new();
                    for i in 0..12 { m.insert(format!("key{}", i), i); }
                    let order: Vec<_> = m.keys().cloned().collect();
                    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
                    println!("pid {} now {}.{:09}", std::process::id(), now.as_secs(), now.subsec_nanos());
                    println!("hash order {:?}", order);
                    let out = std::process::Command::new("/bin/echo").arg("from a child").output().unwrap();
                    print!("child said: {}", String::from_utf8_lossy(&out.stdout));
                    eprintln!("elapsed {:?}", start.elapsed());
                    std::process::exit(4);
                }
                """);
        Path binary = tmp.resolve("prog-rs");
        compile(List.of("rustc", "-O", "-o", binary.toString(), source.toString()));
        recordAndReplayTwice(binary);
    }

    private void compile(List<String> command) {
        RunResult r = ScenarioRunner.run(command, new byte[0], tmp, Map.of(), ScenarioRunner.TIMEOUT);
        assertEquals(0, r.exitCode(), () -> "compilation failed: " + String.join(" ", command) + "\n" + r.describe());
    }

    private void recordAndReplayTwice(Path binary) {
        RunResult alone = ScenarioRunner.run(List.of(binary.toString()), new byte[0], tmp, ScenarioRunner.scenarioEnv(),
                ScenarioRunner.TIMEOUT);
        Path trace = tmp.resolve("trace");
        RunResult recorded = ScenarioRunner.record(trace, new byte[0], binary.toString());
        assertEquals(alone.exitCode(), recorded.exitCode(), () -> "recording's exit status differs from the program's\n"
                + "=== alone ===\n" + alone.describe() + "\n=== recorded ===\n" + recorded.describe());
        assertEquals(alone.stdoutText().lines().count(), recorded.stdoutText().lines().count(),
                () -> "recording printed a different number of lines\n=== alone ===\n" + alone.describe()
                        + "\n=== recorded ===\n" + recorded.describe());
        assertReplayMatches(recorded, ScenarioRunner.replay(trace), "first replay of " + binary.getFileName());
        assertReplayMatches(recorded, ScenarioRunner.replay(trace), "second replay of " + binary.getFileName());
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
