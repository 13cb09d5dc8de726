/*
 * CapabilitiesTest: initialize announces exactly what the registered handlers implement: the
 * requests of this slice, conditions, hit conditions and log points yes; reverse execution and
 * writes no.
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
            assertEquals(Boolean.TRUE, c.getSupportsConditionalBreakpoints());
            assertEquals(Boolean.TRUE, c.getSupportsHitConditionalBreakpoints());
            assertEquals(Boolean.TRUE, c.getSupportsLogPoints());
            assertEquals(Boolean.TRUE, c.getSupportsStepBack());
            assertEquals(Boolean.TRUE, c.getSupportsRestartFrame());
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
                "evaluate", "continue", "next", "stepIn", "stepOut", "pause", "readMemory", "disassemble", "disconnect",
                "stepBack", "reverseContinue", "restartFrame", "rewind/reverseStepOut", "rewind/position", "rewind/processes",
                "rewind/seek"}) {
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
