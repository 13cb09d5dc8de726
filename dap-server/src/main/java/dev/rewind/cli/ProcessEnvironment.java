/*
 * ProcessEnvironment: this process's environment as the recorded program should receive it:
 * in its original order (from /proc/self/environ), with `_` naming the program as a shell sets it.
 */
package dev.rewind.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class ProcessEnvironment {
    private ProcessEnvironment() {
    }

    /** "NAME=value" entries in the order the kernel gave them to this process. */
    static List<String> current() {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/environ"));
            return parse(raw);
        } catch (IOException e) {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> e2 : System.getenv().entrySet()) {
                out.add(e2.getKey() + "=" + e2.getValue());
            }
            return out;
        }
    }

    /** Splits NUL-terminated entries, dropping any that are not NAME=value. */
    static List<String> parse(byte[] raw) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                if (i > start) {
                    String entry = new String(raw, start, i - start, StandardCharsets.UTF_8);
                    if (entry.indexOf('=') > 0) {
                        out.add(entry);
                    }
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** {@code environ} with `_` (the shell's "last command" variable) set to {@code program}, if present. */
    static List<String> forProgram(List<String> environ, String program) {
        List<String> out = new ArrayList<>(environ.size());
        for (String entry : environ) {
            out.add(entry.startsWith("_=") ? "_=" + program : entry);
        }
        return out;
    }
}
