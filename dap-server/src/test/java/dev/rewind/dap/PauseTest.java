/*
 * PauseTest: pause interrupts a replay running through seconds of computation: it is answered at
 * once, the replay stops with reason "pause" inside the loop, and continue runs on to the end.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PauseTest {
    @TempDir
    Path tmp;

    @Test
    void pauseStopsARunningReplay() throws Exception {
        Path program = Debuggee.compile("spin.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.configurationDone();
            Thread.sleep(300);
            PauseArguments pause = new PauseArguments();
            pause.setThreadId(1);
            long asked = System.nanoTime();
            DapTestClient.call(client.server().pause(pause));
            StoppedEventArguments stop = client.awaitStopped();
            long tookMs = (System.nanoTime() - asked) / 1_000_000;
            client.assertStopped(stop, "pause");
            assertTrue(tookMs < 5_000, "paused within " + tookMs + " ms");
            // The replay had run ~0.3 s of a ~1.3 s loop without syscalls: it must stop inside it.
            assertEquals("main", client.stackTrace()[0].getName(), () -> "the stop came " + tookMs
                    + " ms after pause, outside the loop");
            int line = client.line();
            int loop = Debuggee.line("spin.c", "SPIN_LOOP");
            assertTrue(line == loop || line == loop + 1, "paused in the loop, at line " + line);
            ContinueArguments c = new ContinueArguments();
            c.setThreadId(1);
            DapTestClient.call(client.server().continue_(c));
            assertEquals("end", client.awaitStopped().getReason());
        }
    }
}
