/*
 * StepBackWithoutLinesTest: step back where the stop has no source lines: from the very end of
 * the recording (the program's exit_group, deep in libc after main returned) to main's last line,
 * then on to the lines before; from inside a libc function (entered by single instructions) to
 * the line of main that called into it. Instruction step back from the end and from an event
 * boundary (to the syscall instruction of the event before).
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepBackWithoutLinesTest {
    private static final String FILE = "travel.c";

    @TempDir
    Path tmp;

    @Test
    void fromTheVeryEndToMainsLastLines() throws Exception {
        try (DapTestClient client = launched(false)) {
            assertEquals("end", client.awaitStopped().getReason());
            client.assertStopped(TravelClient.stepBack(client), "step");
            StackFrame top = client.stackTrace()[0];
            assertEquals("main", top.getName());
            assertTrue(top.getLine() > Debuggee.line(FILE, "MAIN_PRINT"), "main's last line, after MAIN_PRINT: "
                    + top.getLine());
            // and on backwards line by line (the closing brace, the return) to the printf of the sum
            int line = top.getLine();
            while (line > Debuggee.line(FILE, "MAIN_PRINT")) {
                client.assertStopped(TravelClient.stepBack(client), "step");
                int now = client.stackTrace()[0].getLine();
                assertTrue(now == line - 1, "from line " + line + " back to " + now);
                line = now;
            }
        }
    }

    @Test
    void fromInsideLibcToTheCallingLine() throws Exception {
        try (DapTestClient client = launched(true)) {
            client.assertStopped(client.awaitStopped(), "entry");
            int print = Debuggee.line(FILE, "LOOP_PRINT");
            client.setBreakpoints(Debuggee.source(FILE).toString(), print);
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            client.setBreakpoints(Debuggee.source(FILE).toString());
            // into printf by single instructions: code without lines
            for (int i = 0; i < 64 && client.stackTrace()[0].getName().equals("main"); i++) {
                StepInArguments in = new StepInArguments();
                in.setThreadId(1);
                in.setGranularity(SteppingGranularity.INSTRUCTION);
                DapTestClient.call(client.server().stepIn(in));
                client.assertStopped(client.awaitStopped(), "step");
            }
            assertNotEquals("main", client.stackTrace()[0].getName());
            client.assertStopped(TravelClient.stepBack(client), "step");
            StackFrame top = client.stackTrace()[0];
            assertEquals("main", top.getName());
            assertEquals(print, top.getLine());
            assertEquals("0", client.local("i"));
        }
    }

    @Test
    void instructionStepBackFromTheEndAndFromABoundary() throws Exception {
        try (DapTestClient client = launched(false)) {
            assertEquals("end", client.awaitStopped().getReason());
            String endPc = client.stackTrace()[0].getInstructionPointerReference();
            client.assertStopped(stepBackInstruction(client), "step");
            String before = client.stackTrace()[0].getInstructionPointerReference();
            assertNotEquals(endPc, before);
            assertTrue(disassemble(client, before).startsWith("syscall"), "the exit_group syscall instruction: "
                    + disassemble(client, before));
            // from an event boundary: the instruction that made the event before (a syscall here)
            long total = TravelClient.event(client);
            DapTestClient.call(client.rewind().seek(Map.of("event", total - 3)));
            client.assertStopped(client.awaitStopped(), "step");
            client.assertStopped(stepBackInstruction(client), "step");
            assertEquals(total - 4, TravelClient.event(client));
            String pc = client.stackTrace()[0].getInstructionPointerReference();
            assertTrue(disassemble(client, pc).startsWith("syscall"), "a syscall instruction: " + disassemble(client, pc));
        }
    }

    private DapTestClient launched(boolean stopOnEntry) throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, stopOnEntry);
        client.configurationDone();
        return client;
    }

    private static StoppedEventArguments stepBackInstruction(DapTestClient c) throws Exception {
        StepBackArguments a = new StepBackArguments();
        a.setThreadId(1);
        a.setGranularity(SteppingGranularity.INSTRUCTION);
        DapTestClient.call(c.server().stepBack(a));
        return c.awaitStopped();
    }

    private static String disassemble(DapTestClient c, String pc) throws Exception {
        DisassembleArguments a = new DisassembleArguments();
        a.setMemoryReference(pc);
        a.setInstructionCount(1);
        return DapTestClient.call(c.server().disassemble(a)).getInstructions()[0].getInstruction();
    }
}
