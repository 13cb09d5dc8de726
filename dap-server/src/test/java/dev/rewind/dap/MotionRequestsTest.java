/*
 * MotionRequestsTest: a step is one motion the agent runs (DESIGN.md "Motions"): the wire requests
 * a next, stepIn or stepOut costs (counted by AgentClient.requestsSent, the stop round of the
 * adapter included) are the same few whether it runs a handful of instructions or hundreds of
 * thousands (a long call stepped over, a loop on one line). A user breakpoint whose condition is
 * false does not end the step, also where the step ends anyway; one whose condition holds does.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class MotionRequestsTest {
    private static final String FILE = "motions.c";
    /** A generous ceiling: the motion itself is one request, the rest is the adapter's stop round. */
    private static final long FEW = 8;

    @TempDir
    Path tmp;

    @Test
    void requestsPerStepDoNotDependOnTheInstructionsRun() throws Exception {
        try (DapTestClient client = at("MAIN_SHORT")) {
            long overShortCall = step(client, 'n', "main:MAIN_LONG");
            long overLongCall = step(client, 'n', "main:MAIN_C");
            long plainLine = step(client, 'n', "main:MAIN_ONE_LINE_LOOP");
            long oneLineLoop = step(client, 'n', "main:MAIN_PRINT");
            assertTrue(overShortCall <= FEW, "requests of a next: " + overShortCall);
            assertEquals(overShortCall, overLongCall, "a next over 20000 rounds of a call");
            assertEquals(overShortCall, plainLine);
            assertEquals(overShortCall, oneLineLoop, "a next over a loop of 20000 rounds on one line");
        }
    }

    @Test
    void stepInAndStepOutCostTheSameAsNext() throws Exception {
        try (DapTestClient client = at("MAIN_LONG")) {
            long in = step(client, 's', "work:WORK_FIRST");
            long next = step(client, 'n', "work:line 15");
            long out = step(client, 'o', "main:MAIN_LONG");
            assertTrue(in <= FEW && out <= FEW, "stepIn " + in + ", stepOut " + out);
            assertEquals(next, in);
            assertEquals(next, out, "a stepOut that runs 20000 rounds");
        }
    }

    @Test
    void aFalseConditionDoesNotEndTheStepATrueOneDoes() throws Exception {
        try (DapTestClient client = at("MAIN_SHORT")) {
            String source = Debuggee.source(FILE).toString();
            client.setSourceBreakpoints(source,
                    DapTestClient.breakpoint(Debuggee.line(FILE, "WORK_BODY"), "i == 99", null, null),
                    DapTestClient.breakpoint(Debuggee.line(FILE, "MAIN_LONG"), "n == 1", null, null));
            // declined in work() three times, then declined again where the step ends anyway
            InlineSteppingTest.walk(client, "n", FILE);
            assertEquals(Debuggee.line(FILE, "MAIN_LONG"), client.line());
            client.setSourceBreakpoints(source,
                    DapTestClient.breakpoint(Debuggee.line(FILE, "WORK_BODY"), "i == 7", null, null));
            DapTestClient.call(client.server().next(InlineSteppingTest.next()));
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals(Debuggee.line(FILE, "WORK_BODY"), client.line());
            assertEquals("7", client.local("i"));
            client.setSourceBreakpoints(source);
            DapTestClient.call(client.server().stepOut(new StepOutArguments()));
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals(Debuggee.line(FILE, "MAIN_LONG"), client.line());
        }
    }

    @Test
    void instructionNextStepsOverTheCall() throws Exception {
        try (DapTestClient client = at("MAIN_LONG")) {
            NextArguments args = InlineSteppingTest.next();
            args.setGranularity(SteppingGranularity.INSTRUCTION);
            for (int i = 0; i < 12 && client.line() == Debuggee.line(FILE, "MAIN_LONG"); i++) {
                long before = client.agentRequests();
                DapTestClient.call(client.server().next(args));
                client.assertStopped(client.awaitStopped(), "step");
                assertTrue(client.agentRequests() - before <= FEW, "requests of an instruction next");
                assertEquals("main", client.stackTrace()[0].getName()); // the call to work() ran to its return
            }
            assertEquals(Debuggee.line(FILE, "MAIN_C"), client.line());
        }
    }

    private DapTestClient at(String marker) throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        String source = Debuggee.source(FILE).toString();
        client.setBreakpoints(source, Debuggee.line(FILE, marker));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        client.setBreakpoints(source);
        return client;
    }

    /** One motion (n, s, o) that must stop at {@code where}; the agent requests it cost, its stop round included. */
    private static long step(DapTestClient client, char motion, String where) throws Exception {
        long before = client.agentRequests();
        String at = InlineSteppingTest.walk(client, String.valueOf(motion), FILE).get(0);
        long cost = client.agentRequests() - before;
        assertEquals(where, at);
        return cost;
    }
}
