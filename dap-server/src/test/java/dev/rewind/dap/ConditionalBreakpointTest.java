/*
 * ConditionalBreakpointTest: a breakpoint with a C condition stops only where the condition holds
 * (once for `i == 7`; at 0, 3, 6, 9 for `i % 3 == 0`); a condition that cannot be evaluated stops
 * with the reason in the debug console; a condition with a syntax error leaves the breakpoint
 * unverified with the parser's message, and it never stops.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionalBreakpointTest {
    @TempDir
    Path tmp;

    /** The values of i at each stop at LOOP_BODY with {@code condition}, until the end of the recording. */
    private List<String> stopsWith(String condition) throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            int line = Debuggee.line("structs.c", "LOOP_BODY");
            Breakpoint[] bps = client.setSourceBreakpoints(Debuggee.source("structs.c").toString(),
                    DapTestClient.breakpoint(line, condition, null, null));
            assertTrue(bps[0].isVerified(), () -> "not verified: " + bps[0].getMessage());
            client.configurationDone();
            List<String> seen = new ArrayList<>();
            StoppedEventArguments stop = client.awaitStopped();
            while (stop.getReason().equals("breakpoint")) {
                assertArrayEquals(new Integer[] {bps[0].getId()}, stop.getHitBreakpointIds());
                assertEquals(line, client.line());
                seen.add(client.local("i"));
                stop = client.continueToStop();
            }
            assertEquals("end", stop.getReason(), client::console);
            // the replay ran on to the end in between (recording showed the output once, the replay again)
            assertTrue(client.stdout().endsWith("chosen=beta\nsum=285 total=170 chosen=beta\n"), client.stdout());
            return seen;
        }
    }

    @Test
    void stopsOnlyWhereTheConditionHolds() throws Exception {
        assertEquals(List.of("7"), stopsWith("i == 7"));
    }

    @Test
    void everyThirdRound() throws Exception {
        assertEquals(List.of("0", "3", "6", "9"), stopsWith("i % 3 == 0"));
    }

    @Test
    void conditionsSeeGlobalsAndMemory() throws Exception {
        assertEquals(List.of("5"), stopsWith("squares[i] == 25 && sum == 30 && items[1].where.y == 4"));
    }

    @Test
    void aConditionThatCannotBeEvaluatedStopsAndSaysWhy() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            int line = Debuggee.line("structs.c", "LOOP_BODY");
            client.setSourceBreakpoints(Debuggee.source("structs.c").toString(),
                    DapTestClient.breakpoint(line, "nosuch > 1", null, null));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals("0", client.local("i"));
            assertTrue(client.console().contains("cannot evaluate the condition 'nosuch > 1': no symbol 'nosuch' in"
                    + " this context"), client.console());
        }
    }

    @Test
    void aSyntaxErrorLeavesTheBreakpointUnverified() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            String source = Debuggee.source("structs.c").toString();
            Breakpoint[] bps = client.setSourceBreakpoints(source,
                    DapTestClient.breakpoint(Debuggee.line("structs.c", "LOOP_BODY"), "i ==", null, null),
                    DapTestClient.breakpoint(Debuggee.line("structs.c", "DONE"), null, null, null));
            assertFalse(bps[0].isVerified());
            assertEquals("invalid condition 'i ==': the expression ends where a value should be", bps[0].getMessage());
            assertTrue(bps[1].isVerified());
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals(Debuggee.line("structs.c", "DONE"), client.line()); // the loop never stopped
        }
    }
}
