/*
 * ProgramOutputTest: the program's stdout and stderr arrive as output events: while it is recorded,
 * and again as the replay passes each write (a breakpoint after the first printf sees only that line).
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramOutputTest {
    @TempDir
    Path tmp;

    private static final String ALL = "i=0 total=1\ni=1 total=4\ni=2 total=9\n";

    @Test
    void recordingAndReplayOutputAreOutputEvents() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            // The recording ran the program once: its output came while launch recorded it.
            assertEquals(ALL, client.stdout());
            assertEquals("done\n", client.stderr());
            client.setBreakpoints(Debuggee.source("loop.c").toString(), Debuggee.line("loop.c", "LOOP_CALL"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint"); // i = 0: nothing printed yet by the replay
            assertEquals(ALL, client.stdout());
            client.assertStopped(client.continueToStop(), "breakpoint"); // i = 1: the replay printed i=0
            assertEquals(ALL + "i=0 total=1\n", client.stdout());
            client.setBreakpoints(Debuggee.source("loop.c").toString());
            client.assertStopped(client.continueToStop(), "end");
            assertEquals(ALL + ALL, client.stdout());
            assertEquals("done\ndone\n", client.stderr());
            assertTrue(client.console().contains("recorded"), client.console());
        }
    }
}
