package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertContainsIgnoringCase;
import static dev.rewind.scenarios.ReplayAssertions.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `rewind record` does when the program cannot be recorded: exit statuses like a shell's
 * (127 for a missing program, 126 for one that cannot be executed), a clear refusal of what
 * multithreaded programs cannot do yet (execve from a thread) that still leaves a replayable
 * trace, and no stack traces.
 */
class ErrorExitTest {

    @TempDir
    Path tmp;

    private static void assertMessageOnly(RunResult r) {
        assertNoStackTrace(r);
        assertEquals(0, r.stdout().length, () -> "nothing should reach stdout\n" + r.describe());
        assertFalse(r.stderrText().isBlank(), () -> "expected a message on stderr\n" + r.describe());
    }

    @Test
    void missingProgramExits127() {
        RunResult r = ScenarioRunner.record(tmp.resolve("t"), new byte[0], tmp.resolve("no-such-program").toString());
        assertEquals(127, r.exitCode(), r::describe);
        assertMessageOnly(r);
        assertTrue(r.stderrText().contains("no-such-program"), () -> "the message should name the program\n" + r.describe());
    }

    @Test
    void commandNotOnPathExits127() {
        RunResult r = ScenarioRunner.record(tmp.resolve("t"), new byte[0], "rewind-no-such-command-on-path");
        assertEquals(127, r.exitCode(), r::describe);
        assertMessageOnly(r);
    }

    @Test
    void nonExecutableFileExits126() throws IOException {
        Path script = tmp.resolve("not-executable.sh");
        Files.writeString(script, "#!/bin/sh\necho should not run\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        RunResult r = ScenarioRunner.record(tmp.resolve("t"), new byte[0], script.toString());
        assertEquals(126, r.exitCode(), r::describe);
        assertMessageOnly(r);
    }

    @Test
    void directoryAsProgramExits126() {
        RunResult r = ScenarioRunner.record(tmp.resolve("t"), new byte[0], tmp.toString());
        assertEquals(126, r.exitCode(), r::describe);
        assertMessageOnly(r);
    }

    @Test
    void existingNonEmptyTraceFolderIsNotOverwritten() throws IOException {
        Path trace = tmp.resolve("occupied");
        Files.createDirectories(trace);
        Path precious = trace.resolve("precious.txt");
        Files.writeString(precious, "keep me");
        RunResult r = ScenarioRunner.record(trace, new byte[0], "/bin/echo", "hi");
        assertNotEquals(0, r.exitCode(), r::describe);
        assertNoStackTrace(r);
        assertEquals("keep me", Files.readString(precious));
        assertFalse(r.stdoutText().contains("hi"), () -> "the program ran although the trace could not be written\n" + r.describe());
    }
}
