/*
 * StackTraceTest: stopped in a helper function, the stack shows helper ← main with their source
 * lines (the call site in main), and each frame has its own locals.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.StackFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTraceTest {
    @TempDir
    Path tmp;

    @Test
    void helperAboveMainWithLinesAndLocals() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        int helperLine = Debuggee.line("loop.c", "HELPER_FIRST");
        int callLine = Debuggee.line("loop.c", "LOOP_CALL");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("loop.c").toString(), helperLine);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.assertStopped(client.continueToStop(), "breakpoint"); // second call: helper(1)
            StackFrame[] frames = client.stackTrace();
            assertTrue(frames.length >= 2, "at least helper and main");
            assertEquals("helper", frames[0].getName());
            assertEquals(helperLine, frames[0].getLine());
            assertTrue(frames[0].getSource().getPath().endsWith("loop.c"), frames[0].getSource().getPath());
            assertEquals("main", frames[1].getName());
            assertEquals(callLine, frames[1].getLine());
            assertEquals("1", client.scope(frames[0].getId(), "Arguments").get("value").getValue());
            assertFalse(client.scope(frames[0].getId(), "Locals").containsKey("value"),
                    "a parameter is in Arguments, not in Locals");
            assertEquals("1", client.scope(frames[1].getId(), "Locals").get("i").getValue());
        }
    }
}
