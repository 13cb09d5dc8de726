/*
 * InlinedFrameTest: a breakpoint inside a function inlined into main stops there; the stack shows
 * the inlined call as its own frame ("scale (inlined)") at the body's line, then main at the call's
 * line, and each frame shows its own variables (the inlined call's parameters, main's locals).
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InlinedFrameTest {
    @TempDir
    Path tmp;

    @Test
    void inlinedCallIsAFrameOfItsOwn() throws Exception {
        for (String optimization : new String[] {"-O0", "-O2"}) {
            Path program = Debuggee.compile("inlined.c", tmp, optimization);
            int body = Debuggee.line("inlined.c", "INLINED_BODY");
            int call = Debuggee.line("inlined.c", "INLINED_CALL");
            try (DapTestClient client = InProcessDap.start()) {
                client.launchProgram(program, false);
                Breakpoint[] bps = client.setBreakpoints(Debuggee.source("inlined.c").toString(), body);
                assertTrue(bps[0].isVerified(), () -> optimization + ": not verified: " + bps[0].getMessage());
                client.configurationDone();
                StoppedEventArguments stop = client.awaitStopped();
                assertEquals("breakpoint", stop.getReason(), optimization);
                StackFrame[] frames = client.stackTrace();
                assertTrue(frames.length >= 2, optimization + ": at least the inlined call and main");
                assertEquals("scale (inlined)", frames[0].getName(), optimization);
                if (optimization.equals("-O0")) {
                    // at -O2 the body's instructions are scheduled among main's; the line is the row's
                    assertEquals(body, frames[0].getLine(), optimization);
                }
                assertEquals("main", frames[1].getName(), optimization);
                assertEquals(call, frames[1].getLine(), optimization);
                String value = client.scope(frames[0].getId(), "Arguments").get("value").getValue();
                assertTrue(value.equals("21") || value.equals("<optimized out>"), optimization + ": value = " + value);
                assertTrue(client.scope(frames[1].getId(), "Arguments").containsKey("argc"), optimization);
            }
        }
    }
}
