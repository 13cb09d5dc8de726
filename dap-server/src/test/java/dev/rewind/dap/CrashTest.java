/*
 * CrashTest: a SIGSEGV stops the replay at the faulting line with reason "exception" and the
 * signal's description; continuing lets the recorded death happen: exited with 128+11, then the end.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashTest {
    @TempDir
    Path tmp;

    @Test
    void segfaultStopsWithExceptionAtTheFaultingLine() throws Exception {
        Path program = Debuggee.compile("crash.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.configurationDone();
            StoppedEventArguments stop = client.awaitStopped();
            client.assertStopped(stop, "exception");
            assertTrue(stop.getDescription().contains("SIGSEGV"), stop.getDescription());
            StackFrame[] frames = client.stackTrace();
            assertEquals("crash", frames[0].getName());
            assertEquals(Debuggee.line("crash.c", "CRASH_LINE"), frames[0].getLine());
            assertEquals("main", frames[1].getName());
            assertEquals(Debuggee.line("crash.c", "CRASH_CALL"), frames[1].getLine());
            assertEquals("7", client.local("value"));
            client.awaitStdout("about to crash");
            StoppedEventArguments end = client.continueToStop();
            assertEquals("end", end.getReason());
            assertEquals(128 + 11, client.all("exited", ExitedEventArguments.class).get(0).getExitCode());
        }
    }
}
