/*
 * DisassembleTest: instructions around the pc, also before it (a negative instructionOffset), as
 * many as asked, decoded by the agent.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisassembleTest {
    @TempDir
    Path tmp;

    @Test
    void instructionsAroundThePc() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("loop.c").toString(), Debuggee.line("loop.c", "LOOP_CALL"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            String pc = client.stackTrace()[0].getInstructionPointerReference();

            DisassembledInstruction[] from = disassemble(client, pc, 0, 4);
            assertEquals(4, from.length);
            assertEquals(pc, from[0].getAddress());
            for (DisassembledInstruction i : from) {
                assertFalse(i.getInstruction().isBlank());
                assertNull(i.getPresentationHint());
            }

            DisassembledInstruction[] around = disassemble(client, pc, -3, 8);
            assertEquals(8, around.length);
            assertEquals(pc, around[3].getAddress());
            assertEquals(from[1].getAddress(), around[4].getAddress());
            assertEquals(from[1].getInstruction(), around[4].getInstruction());
        }
    }

    private static DisassembledInstruction[] disassemble(DapTestClient client, String ref, int offset, int count)
            throws Exception {
        DisassembleArguments args = new DisassembleArguments();
        args.setMemoryReference(ref);
        args.setInstructionOffset(offset);
        args.setInstructionCount(count);
        return DapTestClient.call(client.server().disassemble(args)).getInstructions();
    }
}
