/*
 * CapabilitiesTest: initialize announces exactly what the registered handlers implement: the
 * requests of this slice yes; conditions, reverse execution, writes no.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    @Test
    void announcesWhatIsImplementedAndNothingElse() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            Capabilities c = client.initialize();
            assertEquals(Boolean.TRUE, c.getSupportsConfigurationDoneRequest());
            assertEquals(Boolean.TRUE, c.getSupportsFunctionBreakpoints());
            assertEquals(Boolean.TRUE, c.getSupportsReadMemoryRequest());
            assertEquals(Boolean.TRUE, c.getSupportsSteppingGranularity());
            assertEquals(Boolean.TRUE, c.getSupportsEvaluateForHovers());
            assertNotEquals(Boolean.TRUE, c.getSupportsConditionalBreakpoints());
            assertNotEquals(Boolean.TRUE, c.getSupportsHitConditionalBreakpoints());
            assertNotEquals(Boolean.TRUE, c.getSupportsLogPoints());
            assertNotEquals(Boolean.TRUE, c.getSupportsStepBack());
            assertNotEquals(Boolean.TRUE, c.getSupportsSetVariable());
            assertEquals(Boolean.TRUE, c.getSupportsDisassembleRequest());
            assertNotEquals(Boolean.TRUE, c.getSupportsWriteMemoryRequest());
            assertNotEquals(Boolean.TRUE, c.getSupportsRestartRequest());
        }
    }

    @Test
    void everyRegisteredHandlerHasAnEntryPoint() {
        RequestDispatcher d = new RequestDispatcher(Handlers.ALL, null);
        for (String command : new String[] {"initialize", "launch", "setBreakpoints", "setFunctionBreakpoints",
                "setExceptionBreakpoints", "configurationDone", "threads", "stackTrace", "scopes", "variables",
                "evaluate", "continue", "next", "stepIn", "stepOut", "pause", "readMemory", "disassemble", "disconnect"}) {
            assertTrue(d.handles(command), command);
        }
    }

    @Test
    void writesAreRefusedWithAReason() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            client.initialize();
            SetVariableArguments args = new SetVariableArguments();
            args.setVariablesReference(1);
            args.setName("x");
            args.setValue("1");
            ResponseError e = DapTestClient.error(client.server().setVariable(args));
            assertTrue(e.getMessage().contains("cannot be changed"), e.getMessage());
        }
    }
}
