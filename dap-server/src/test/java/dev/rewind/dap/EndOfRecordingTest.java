/*
 * EndOfRecordingTest: at the end of the recording the client gets `exited` with the recorded exit
 * status, then a stop (reason "end", "end of recording") instead of terminated; the session stays
 * open for inspection, and terminated comes only after disconnect.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndOfRecordingTest {
    @TempDir
    Path tmp;

    @Test
    void exitedThenEndOfRecordingStopThenTerminatedOnDisconnect() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, true);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            StoppedEventArguments end = client.continueToStop();
            assertEquals("end", end.getReason());
            assertEquals("end of recording", end.getDescription());
            assertEquals(Boolean.TRUE, end.getAllThreadsStopped());
            List<String> names = client.names();
            assertEquals(List.of("initialized", "stopped", "exited", "stopped"), names);
            ExitedEventArguments exited = client.all("exited", ExitedEventArguments.class).get(0);
            assertEquals(3, exited.getExitCode());
            assertFalse(names.contains("terminated"));
            client.stackTrace(); // still inspectable
            DapTestClient.call(client.server().disconnect(new DisconnectArguments()));
            client.await("terminated", Object.class);
        }
    }
}
