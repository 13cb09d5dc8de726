/*
 * OptimizedBuildTest: a program built with -O2 (the loop unrolled, the helper folded away): a line
 * breakpoint is placed and hit in main at that line (gdb finds 2 of the 3 unrolled copies), locals
 * show their value or say "<optimized out>", never garbage, and the replay runs to its recorded end.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizedBuildTest {
    @TempDir
    Path tmp;

    @Test
    void unrolledLoopBreakpointAndLocals() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O2");
        int line = Debuggee.line("loop.c", "LOOP_PRINT");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            Breakpoint[] bps = client.setBreakpoints(Debuggee.source("loop.c").toString(), line);
            assertTrue(bps[0].isVerified(), () -> "not verified: " + bps[0].getMessage());
            client.configurationDone();
            List<String> counters = new ArrayList<>();
            StoppedEventArguments stop = client.awaitStopped();
            int hits = 0;
            while (stop.getReason().equals("breakpoint")) {
                hits++;
                assertEquals("main", client.stackTrace()[0].getName());
                assertEquals(line, client.line());
                Variable i = client.scope(client.stackTrace()[0].getId(), "Locals").get("i");
                if (i != null) { // gcc may leave i out where the unrolled copy is outside its block (gdb too)
                    counters.add(i.getValue());
                }
                stop = client.continueToStop();
            }
            assertTrue(hits >= 1 && hits <= 3, "hits: " + hits);
            for (String v : counters) {
                assertTrue(v.matches("[0-2]") || v.equals("<optimized out>"), "i = " + v);
            }
            assertEquals(List.copyOf(new java.util.TreeSet<>(counters)).size(), counters.size(), "i differs at each hit");
            assertEquals("i=0 total=1\ni=1 total=4\ni=2 total=9\n".repeat(2), client.stdout());
            assertEquals("end", stop.getReason());
            assertEquals(3, client.all("exited", ExitedEventArguments.class).get(0).getExitCode());
        }
    }
}
