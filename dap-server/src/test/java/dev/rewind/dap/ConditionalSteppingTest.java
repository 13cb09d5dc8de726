/*
 * ConditionalSteppingTest: a step over a call runs the callee with a temporary breakpoint at the
 * return; a user breakpoint in the callee whose condition is false must not end the step there,
 * and one whose condition holds must (reported as a breakpoint stop).
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionalSteppingTest {
    @TempDir
    Path tmp;

    @Test
    void aFalseConditionDoesNotEndAStepATrueOneDoes() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        int walk = Debuggee.line("structs.c", "WALK");
        int visit = Debuggee.line("structs.c", "VISIT");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            Breakpoint[] bps = client.setSourceBreakpoints(Debuggee.source("structs.c").toString(),
                    DapTestClient.breakpoint(walk, null, null, null),
                    DapTestClient.breakpoint(visit, "n->value == 2", null, null));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals(walk, client.line());
            assertEquals("3", client.evaluate("p->value", client.stackTrace()[0].getId(), "watch").getResult());

            StoppedEventArguments step = next(client); // visit(3) runs whole: its breakpoint's condition is false
            client.assertStopped(step, "step");
            assertEquals("main", client.stackTrace()[0].getName());
            assertNotEquals(visit, client.line());

            client.assertStopped(client.continueToStop(), "breakpoint"); // WALK again, p->value == 2
            assertEquals(walk, client.line());
            StoppedEventArguments into = next(client); // now the callee's breakpoint holds
            client.assertStopped(into, "breakpoint");
            assertArrayEquals(new Integer[] {bps[1].getId()}, into.getHitBreakpointIds());
            assertEquals("visit", client.stackTrace()[0].getName());
            assertEquals(visit, client.line());
        }
    }

    private static StoppedEventArguments next(DapTestClient client) throws Exception {
        NextArguments args = new NextArguments();
        args.setThreadId(1);
        DapTestClient.call(client.server().next(args));
        return client.awaitStopped();
    }
}
