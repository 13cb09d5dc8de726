/*
 * Debuggee: the C and C++ programs of native/tests/debuggee, built by the tests themselves (gcc -g or
 * g++ -std=c++17 -g, into a temporary folder: the Makefile is not involved), and their lines found by
 * marker comments.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.scenarios.ScenarioRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

final class Debuggee {
    private Debuggee() {
    }

    static Path source(String file) {
        return ScenarioRunner.root().resolve("native/tests/debuggee").resolve(file);
    }

    /** Compiles native/tests/debuggee/FILE (C, or C++ for .cpp) with -g and {@code optimization} into {@code dir}. */
    static Path compile(String file, Path dir, String optimization) throws IOException, InterruptedException {
        boolean cpp = file.endsWith(".cpp");
        Path out = dir.resolve(file.replaceAll("\\.c(pp)?$", "") + optimization);
        Process gcc = new ProcessBuilder(cpp ? "g++" : "gcc", cpp ? "-std=c++17" : "-std=gnu11", "-g", optimization,
                "-o", out.toString(), source(file).toString()).redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(120, TimeUnit.SECONDS)) {
            gcc.destroyForcibly();
            throw new IOException("gcc did not finish in time");
        }
        assertEquals(0, gcc.exitValue(), () -> "gcc failed on " + file + ":\n" + log);
        return out;
    }

    /** The 1-based line of {@code file} holding {@code marker}. */
    static int line(String file, String marker) throws IOException {
        List<String> lines = Files.readAllLines(source(file), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " is not in " + file);
    }

    /** The marker in line {@code line} of {@code file} (the word of its comment), or "line N" when it has none. */
    static String marker(String file, int line) throws IOException {
        List<String> lines = Files.readAllLines(source(file), StandardCharsets.UTF_8);
        if (line >= 1 && line <= lines.size()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("/\\* ([A-Z_]+) \\*/").matcher(lines.get(line - 1));
            if (m.find()) {
                return m.group(1);
            }
        }
        return "line " + line;
    }
}
