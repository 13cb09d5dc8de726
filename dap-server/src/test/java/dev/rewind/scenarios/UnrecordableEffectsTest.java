package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A syscall whose effects on the program Rewind cannot describe stops the recording at that
 * syscall with one line naming it, and the recording replays exactly up to there: opening the
 * program's own /proc/self/mem for writing (writes through it change memory that write and pwrite
 * have no outputs for); shrinking a file the program maps privately under the mapping (the replay
 * maps the trace's copy of the file as it was when mapped); a vfork child that changes the
 * mappings it shares with the program (an mmap before its exit); a seccomp filter of the program's
 * own with a user-notification listener (the kernel allows one per process: the recorder's holds it).
 */
class UnrecordableEffectsTest {

    @TempDir
    Path tmp;

    @Test
    void writableOwnMemoryFileStopsTheRecordingAtTheOpen() {
        ScenarioRunner.ensureScenariosBuilt();
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0],
                ScenarioRunner.scenario("proc_self_mem_write").toString());
        assertNoStackTrace(rec);
        assertTrue(rec.stderrText().matches("(?s).*the program opened /proc/\\d+/mem \\(its own memory\\) for "
                + "writing: .*the recording stops here.*"), rec::describe);
        assertTrue(rec.stdoutText().startsWith("before: pid "), rec::describe);
        assertFalse(rec.stdoutText().contains("after:"), () -> "the program ran on past the open\n" + rec.describe());

        RunResult rep = ScenarioRunner.replay(trace);
        assertNoStackTrace(rep);
        assertEquals(rec.stdoutText(), rep.stdoutText(), rep::describe);
        assertEquals(rec.exitCode(), rep.exitCode(), rep::describe);
    }

    @Test
    void privatelyMappedFileShrunkStopsTheRecordingAtTheFtruncate() {
        ScenarioRunner.ensureScenariosBuilt();
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0],
                ScenarioRunner.scenario("private_file_shrunk").toString());
        assertNoStackTrace(rec);
        assertTrue(rec.stderrText().matches("(?s).*ftruncate made the file mapped at 0x[0-9a-f]+ shorter than a "
                + "private mapping of it: .*the recording stops here.*"), rec::describe);
        assertEquals("before: 0\n", rec.stdoutText(), rec::describe);

        RunResult rep = ScenarioRunner.replay(trace);
        assertNoStackTrace(rep);
        assertEquals(rec.stdoutText(), rep.stdoutText(), rep::describe);
        assertEquals(rec.exitCode(), rep.exitCode(), rep::describe);
    }

    @Test
    void vforkChildChangingTheMappingsStopsTheRecordingAtTheVfork() {
        ScenarioRunner.ensureScenariosBuilt();
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0],
                ScenarioRunner.scenario("vfork_child_mmaps").toString());
        assertNoStackTrace(rec);
        assertTrue(rec.stderrText().contains("the program's vfork child changed the program's mappings"),
                rec::describe);
        assertEquals("before: vfork\n", rec.stdoutText(), rec::describe);

        RunResult rep = ScenarioRunner.replay(trace);
        assertNoStackTrace(rep);
        assertEquals(rec.stdoutText(), rep.stdoutText(), rep::describe);
        assertEquals(rec.exitCode(), rep.exitCode(), rep::describe);
    }

    @Test
    void seccompListenerOfTheProgramStopsTheRecordingAtTheSeccompCall() {
        ScenarioRunner.ensureScenariosBuilt();
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0],
                ScenarioRunner.scenario("seccomp_listener").toString());
        assertNoStackTrace(rec);
        assertTrue(rec.stderrText().contains("the program installs a seccomp filter with a user-notification "
                + "listener (SECCOMP_FILTER_FLAG_NEW_LISTENER)"), rec::describe);
        assertTrue(rec.stdoutText().startsWith("before: pid "), rec::describe);
        assertFalse(rec.stdoutText().contains("after:"), () -> "the program got another answer than alone\n"
                + rec.describe());

        RunResult rep = ScenarioRunner.replay(trace);
        assertNoStackTrace(rep);
        assertEquals(rec.stdoutText(), rep.stdoutText(), rep::describe);
        assertEquals(rec.exitCode(), rep.exitCode(), rep::describe);
    }
}
