/*
 * InstructionStepBackTest: stepBack with granularity "instruction" retraces single instructions:
 * after three instruction steps forwards (into square's call), three steps back land on the same
 * instruction addresses in reverse order, and the last one on the starting state exactly.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstructionStepBackTest {
    private static final String FILE = "travel.c";

    @TempDir
    Path tmp;

    private static String pc(DapTestClient client) throws Exception {
        return client.stackTrace()[0].getInstructionPointerReference();
    }

    @Test
    void instructionsBackRetraceInstructionsForwards() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source(FILE).toString(), Debuggee.line(FILE, "LOOP_CALL"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.setBreakpoints(Debuggee.source(FILE).toString());
            TravelClient.State start = TravelClient.state(client);

            List<String> pcs = new ArrayList<>();
            pcs.add(pc(client));
            for (int k = 0; k < 3; k++) {
                StepInArguments in = new StepInArguments();
                in.setThreadId(1);
                in.setGranularity(SteppingGranularity.INSTRUCTION);
                DapTestClient.call(client.server().stepIn(in));
                client.assertStopped(client.awaitStopped(), "step");
                pcs.add(pc(client));
            }
            for (int k = 2; k >= 0; k--) {
                StepBackArguments back = new StepBackArguments();
                back.setThreadId(1);
                back.setGranularity(SteppingGranularity.INSTRUCTION);
                DapTestClient.call(client.server().stepBack(back));
                client.assertStopped(client.awaitStopped(), "step");
                assertEquals(pcs.get(k), pc(client), "instruction " + k + " of " + pcs);
            }
            assertEquals(start, TravelClient.state(client));
        }
    }
}
