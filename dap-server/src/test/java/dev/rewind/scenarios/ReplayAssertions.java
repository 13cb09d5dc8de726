package dev.rewind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Assertions shared by the end-to-end tests, with messages that show where two runs differ. */
public final class ReplayAssertions {

    private ReplayAssertions() {}

    /** Lines the recorder itself writes to the recording's stderr (a refused syscall, say): Rewind's
     *  own words while recording, not the program's, so no replay repeats them. */
    private static final String RECORDER_WARNING = "rewind-agent: warning: ";

    /** The replay wrote exactly the recording's bytes to stdout and stderr (the program's: without
     *  the recorder's warnings) and exited the same way. */
    public static void assertReplayMatches(RunResult recordedWithWarnings, RunResult replayed, String what) {
        RunResult recorded = withoutRecorderWarnings(recordedWithWarnings);
        if (recorded.sameAs(replayed)) {
            return;
        }
        StringBuilder msg = new StringBuilder(what).append(" differs from the recording:");
        if (recorded.exitCode() != replayed.exitCode()) {
            msg.append("\n  exit status: recorded ").append(recorded.exitCode())
                    .append(", replayed ").append(replayed.exitCode());
        }
        if (!Arrays.equals(recorded.stdout(), replayed.stdout())) {
            msg.append("\n  stdout: ").append(firstDifference(recorded.stdout(), replayed.stdout()));
        }
        if (!Arrays.equals(recorded.stderr(), replayed.stderr())) {
            msg.append("\n  stderr: ").append(firstDifference(recorded.stderr(), replayed.stderr()));
        }
        msg.append("\n=== recorded ===\n").append(recorded.describe())
                .append("\n=== replayed ===\n").append(replayed.describe());
        fail(msg.toString());
    }

    /** The run with the recorder's warning lines taken out of its stderr. */
    public static RunResult withoutRecorderWarnings(RunResult r) {
        String err = new String(r.stderr(), StandardCharsets.UTF_8);
        if (!err.contains(RECORDER_WARNING)) {
            return r;
        }
        StringBuilder kept = new StringBuilder();
        for (String line : err.split("(?<=\n)")) {
            if (!line.startsWith(RECORDER_WARNING)) {
                kept.append(line);
            }
        }
        return new RunResult(r.stdout(), kept.toString().getBytes(StandardCharsets.UTF_8), r.exitCode());
    }

    /** "N bytes vs M bytes, first difference at byte B (line L): expected ... got ...". */
    public static String firstDifference(byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        int i = 0;
        int line = 1;
        while (i < n && expected[i] == actual[i]) {
            if (expected[i] == '\n') {
                line++;
            }
            i++;
        }
        return expected.length + " bytes recorded vs " + actual.length + " replayed, first difference at byte "
                + i + " (line " + line + "): recorded «" + lineAt(expected, i) + "» replayed «" + lineAt(actual, i) + "»";
    }

    private static String lineAt(byte[] b, int at) {
        if (at >= b.length) {
            return "<end>";
        }
        int start = at;
        while (start > 0 && b[start - 1] != '\n') {
            start--;
        }
        int end = at;
        while (end < b.length && b[end] != '\n' && end - start < 200) {
            end++;
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    /** stderr is one line starting "rewind: " (a message for a person, not a stack trace). */
    public static String assertOneLineMessage(RunResult r) {
        assertNoStackTrace(r);
        String err = r.stderrText();
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), () -> "expected exactly one line on stderr\n" + r.describe());
        assertTrue(lines.get(0).startsWith("rewind: "), () -> "stderr does not start with 'rewind: '\n" + r.describe());
        return lines.get(0);
    }

    /** The last non-blank line of stderr starts with "rewind: " (earlier lines may be the program's own). */
    public static String assertLastLineMessage(RunResult r) {
        assertNoStackTrace(r);
        List<String> lines = r.stderrText().lines().filter(l -> !l.isBlank()).toList();
        assertTrue(!lines.isEmpty(), () -> "expected a message on stderr\n" + r.describe());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("rewind: "), () -> "last stderr line does not start with 'rewind: '\n" + r.describe());
        return last;
    }

    public static void assertNoStackTrace(RunResult r) {
        String err = r.stderrText();
        assertTrue(!err.contains("\tat ") && !err.contains("Exception in thread") && !err.contains("Caused by:"),
                () -> "stderr holds a Java stack trace\n" + r.describe());
    }

    public static void assertContainsIgnoringCase(String haystack, String needle, RunResult r) {
        assertTrue(haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT)),
                () -> "expected '" + needle + "' in: " + haystack + "\n" + r.describe());
    }

    /** {@code shorter} is a prefix of {@code longer}. */
    public static void assertPrefix(byte[] longer, byte[] shorter, String what) {
        boolean prefix = shorter.length <= longer.length
                && Arrays.equals(shorter, 0, shorter.length, longer, 0, shorter.length);
        assertTrue(prefix, () -> what + " is not a prefix of the recording's: " + firstDifference(longer, shorter));
    }
}
