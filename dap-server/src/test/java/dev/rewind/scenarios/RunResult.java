package dev.rewind.scenarios;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What one run of a command left behind: every byte it wrote to stdout and stderr, and its exit
 * status (the exit code, or 128+N when it was killed by signal N, as a shell reports it).
 */
public record RunResult(byte[] stdout, byte[] stderr, int exitCode) {

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** True when this run wrote the same bytes to both streams and exited the same way as {@code other}. */
    public boolean sameAs(RunResult other) {
        return exitCode == other.exitCode
                && Arrays.equals(stdout, other.stdout)
                && Arrays.equals(stderr, other.stderr);
    }

    /** A short description for assertion messages: the status and the head of each stream. */
    public String describe() {
        return "exit " + exitCode
                + "\n--- stdout (" + stdout.length + " bytes) ---\n" + head(stdoutText())
                + "\n--- stderr (" + stderr.length + " bytes) ---\n" + head(stderrText());
    }

    private static String head(String s) {
        return s.length() <= 3000 ? s : s.substring(0, 3000) + "\n[... " + (s.length() - 3000) + " more chars]";
    }
}
