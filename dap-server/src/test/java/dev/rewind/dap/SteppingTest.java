/*
 * SteppingTest: from the call line in main, stepIn lands on the helper's first line, next on its
 * return line, stepOut back on the call line in main, next on the following line; stepIn over a
 * libc call stays in main; instruction stepping moves the pc by one instruction.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteppingTest {
    @TempDir
    Path tmp;

    @Test
    void stepInNextStepOutNext() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        int call = Debuggee.line("loop.c", "LOOP_CALL");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("loop.c").toString(), call);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");

            DapTestClient.call(client.server().stepIn(stepIn(null)));
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals("helper", client.stackTrace()[0].getName());
            assertEquals(Debuggee.line("loop.c", "HELPER_FIRST"), client.line());

            DapTestClient.call(client.server().next(next(null)));
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals(Debuggee.line("loop.c", "HELPER_RETURN"), client.line());
            assertEquals("0", client.local("doubled"));

            DapTestClient.call(client.server().stepOut(new StepOutArguments()));
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals("main", client.stackTrace()[0].getName());
            assertEquals(call, client.line());

            DapTestClient.call(client.server().next(next(null)));
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals(Debuggee.line("loop.c", "LOOP_PRINT"), client.line());
            assertEquals("1", client.local("total"));
        }
    }

    @Test
    void nextStepsOverTheCallAndPrintf() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        int call = Debuggee.line("loop.c", "LOOP_CALL");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("loop.c").toString(), call);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            DapTestClient.call(client.server().next(next(null)));
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals(Debuggee.line("loop.c", "LOOP_PRINT"), client.line());
            DapTestClient.call(client.server().next(next(null)));
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals(Debuggee.line("loop.c", "LOOP_PRINT") + 1, client.line()); // fflush(stdout);
            client.awaitStdout("i=0 total=1");
        }
    }

    @Test
    void stepInDoesNotEnterLibraryFunctionsWithoutLineInformation() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        int print = Debuggee.line("loop.c", "LOOP_PRINT");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("loop.c").toString(), print);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            DapTestClient.call(client.server().stepIn(stepIn(null))); // printf: libc, no line information
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals("main", client.stackTrace()[0].getName());
            assertEquals(print + 1, client.line());
        }
    }

    @Test
    void instructionGranularity() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        int call = Debuggee.line("loop.c", "LOOP_CALL");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("loop.c").toString(), call);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            String before = client.stackTrace()[0].getInstructionPointerReference();
            DapTestClient.call(client.server().stepIn(stepIn(SteppingGranularity.INSTRUCTION)));
            client.assertStopped(client.awaitStopped(), "step");
            String after = client.stackTrace()[0].getInstructionPointerReference();
            assertNotEquals(before, after);
            assertEquals("main", client.stackTrace()[0].getName());
        }
    }

    private static StepInArguments stepIn(SteppingGranularity g) {
        StepInArguments a = new StepInArguments();
        a.setThreadId(1);
        a.setGranularity(g);
        return a;
    }

    private static NextArguments next(SteppingGranularity g) {
        NextArguments a = new NextArguments();
        a.setThreadId(1);
        a.setGranularity(g);
        return a;
    }
}
