package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input Rewind cannot record (the rdrand/rdseed instructions: no CPUID faulting on our machines)
 * must never make a replay print something else silently: the recorder keeps a checksum of every
 * byte the program wrote out, and the replay stops with a divergence at the first write that differs.
 */
class UnrecordableInputTest {

    @TempDir
    Path tmp;

    @Test
    void rdrandMakesTheReplayStopWithADivergence() {
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0], ScenarioRunner.scenario("rdrand").toString());
        assertEquals(0, rec.exitCode(), rec::describe);
        assumeFalse(rec.stdoutText().contains("rdrand 0 rdseed 0"), "this CPU has neither rdrand nor rdseed");

        RunResult rep = ScenarioRunner.replay(trace);
        assertNoStackTrace(rep);
        assertEquals(125, rep.exitCode(), rep::describe);
        assertTrue(rep.stderrText().contains("replay diverged at event"), rep::describe);
        assertTrue(rep.stderrText().contains("different bytes written out"), rep::describe);
        String recorded = rec.stdoutText();
        String replayed = rep.stdoutText();
        assertTrue(recorded.startsWith(replayed),
                () -> "what the replay printed before stopping must be what was recorded\n" + rep.describe());
    }
}
