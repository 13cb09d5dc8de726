/*
 * HitConditionTest: hit conditions count the hits of a breakpoint for the session: "N" stops at the
 * N-th hit and after (as gdb's ignore count), "== N" at the N-th only, "% N" at every N-th; with a
 * condition, only the hits where it holds count. Function breakpoints take them too.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HitConditionTest {
    @TempDir
    Path tmp;

    private List<String> stopsWith(String condition, String hitCondition) throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            Breakpoint[] bps = client.setSourceBreakpoints(Debuggee.source("structs.c").toString(),
                    DapTestClient.breakpoint(Debuggee.line("structs.c", "LOOP_BODY"), condition, hitCondition, null));
            assertTrue(bps[0].isVerified(), () -> "not verified: " + bps[0].getMessage());
            client.configurationDone();
            List<String> seen = new ArrayList<>();
            StoppedEventArguments stop = client.awaitStopped();
            while (stop.getReason().equals("breakpoint")) {
                seen.add(client.local("i"));
                stop = client.continueToStop();
            }
            assertEquals("end", stop.getReason(), client::console);
            return seen;
        }
    }

    @Test
    void aPlainCountStopsFromThatHitOn() throws Exception {
        assertEquals(List.of("7", "8", "9"), stopsWith(null, "8"));
    }

    @Test
    void equalsStopsOnce() throws Exception {
        assertEquals(List.of("2"), stopsWith(null, "== 3"));
    }

    @Test
    void moduloStopsEveryNth() throws Exception {
        assertEquals(List.of("3", "7"), stopsWith(null, "% 4"));
    }

    @Test
    void onlyHitsWhereTheConditionHoldsCount() throws Exception {
        // i = 0, 2, 4, 6, 8 are hits 1 to 5; every second of them stops
        assertEquals(List.of("2", "6"), stopsWith("i % 2 == 0", "% 2"));
    }

    @Test
    void malformedHitConditionsAreUnverified() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            Breakpoint[] bps = client.setSourceBreakpoints(Debuggee.source("structs.c").toString(),
                    DapTestClient.breakpoint(Debuggee.line("structs.c", "LOOP_BODY"), null, "sometimes", null));
            assertFalse(bps[0].isVerified());
            assertTrue(bps[0].getMessage().startsWith("invalid hit condition 'sometimes'"), bps[0].getMessage());
        }
    }

    @Test
    void functionBreakpointsTakeConditionsAndHitCounts() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            SetFunctionBreakpointsArguments args = new SetFunctionBreakpointsArguments();
            FunctionBreakpoint visit = new FunctionBreakpoint();
            visit.setName("visit");
            visit.setCondition("depth > 0");
            visit.setHitCondition("2");
            args.setBreakpoints(new FunctionBreakpoint[] {visit});
            Breakpoint[] bps = DapTestClient.call(client.server().setFunctionBreakpoints(args)).getBreakpoints();
            assertTrue(bps[0].isVerified(), () -> "visit: " + bps[0].getMessage());
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals("visit", client.stackTrace()[0].getName());
            assertEquals("80", client.local("depth")); // depth 0 is no hit; 30 is the first, 80 the second
            assertEquals("end", client.continueToStop().getReason());
        }
    }
}
