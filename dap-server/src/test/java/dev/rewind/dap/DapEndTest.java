/*
 * DapEndTest: however `rewind dap` ends while a program is being debugged (its input closed
 * without a disconnect, SIGTERM, SIGKILL), nothing of the session is left running: not the
 * agents, the replayed process, or its save points.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.scenarios.Leftovers;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class DapEndTest {
    @TempDir
    Path tmp;

    private enum End { INPUT_CLOSED, TERM, KILL }

    @Test
    void inputClosedWithoutDisconnect() throws Exception {
        endWhileStopped(End.INPUT_CLOSED);
    }

    @Test
    void sigterm() throws Exception {
        endWhileStopped(End.TERM);
    }

    @Test
    void sigkill() throws Exception {
        endWhileStopped(End.KILL);
    }

    private void endWhileStopped(End end) throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        Process rewind = new ProcessBuilder(ScenarioRunner.rewindScript().toString(), "dap")
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        Leftovers leftovers = new Leftovers();
        try {
            DapTestClient client = DapTestClient.connect(rewind.getInputStream(), rewind.getOutputStream(), () -> { });
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("loop.c").toString(), Debuggee.line("loop.c", "LOOP_PRINT"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.assertStopped(TravelClient.stepBack(client), "step"); // save points exist now
            leftovers.noteDescendants(rewind.toHandle());
            assertTrue(rewind.toHandle().descendants().findAny().isPresent(), "no agent under rewind dap");
            switch (end) {
                case INPUT_CLOSED -> rewind.getOutputStream().close();
                case TERM -> rewind.destroy();
                case KILL -> rewind.destroyForcibly();
            }
            assertTrue(rewind.waitFor(30, TimeUnit.SECONDS), "rewind dap did not end: " + end);
            if (end == End.INPUT_CLOSED) {
                assertEquals(0, rewind.exitValue());
            }
            leftovers.assertNoneLeft(program.toString(), "rewind dap ended by " + end);
        } finally {
            ScenarioRunner.killTree(rewind.toHandle());
        }
    }
}
