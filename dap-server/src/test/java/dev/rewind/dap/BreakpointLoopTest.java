/*
 * BreakpointLoopTest: a breakpoint on a line inside a loop stops there once per iteration, and the
 * loop counter seen through the variables request is 0, 1, 2 in turn; then the replay runs to the end.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreakpointLoopTest {
    @TempDir
    Path tmp;

    @Test
    void loopBreakpointHitsOncePerIterationWithTheCounterValues() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        int line = Debuggee.line("loop.c", "LOOP_CALL");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            Breakpoint[] bps = client.setBreakpoints(Debuggee.source("loop.c").toString(), line);
            assertEquals(Boolean.TRUE, bps[0].isVerified(), () -> "not verified: " + bps[0].getMessage());
            assertEquals(line, bps[0].getLine());
            client.configurationDone();
            List<String> counters = new ArrayList<>();
            List<String> totals = new ArrayList<>();
            StoppedEventArguments stop = client.awaitStopped();
            while (stop.getReason().equals("breakpoint")) {
                assertArrayEquals(new Integer[] {bps[0].getId()}, stop.getHitBreakpointIds());
                assertEquals(line, client.line());
                counters.add(client.local("i"));
                totals.add(client.local("total"));
                stop = client.continueToStop();
            }
            assertEquals(List.of("0", "1", "2"), counters);
            assertEquals(List.of("0", "1", "4"), totals);
            String last = stop.getReason();
            assertEquals("end", last, () -> "then the end, not " + last);
            assertTrue(client.names().contains("exited"));
        }
    }

    @Test
    void sourcePathSuffixesMatchToo() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        int line = Debuggee.line("loop.c", "LOOP_PRINT");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            Breakpoint[] bps = client.setBreakpoints("loop.c", line);
            assertEquals(Boolean.TRUE, bps[0].isVerified(), () -> "not verified: " + bps[0].getMessage());
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals("0", client.local("i"));
        }
    }
}
