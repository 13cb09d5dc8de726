/*
 * MidLineSteppingTest: `next` reports a line once per statement when calls return into the middle
 * of a line (gdb's rule: only the start of an is_stmt line-table row stops a step; a return
 * mid-line steps on to the next one), on optimized C++ (midline.cpp, g++ -O2: calls whose results
 * feed the rest of the line, std::string temporaries) and C (loop.c -O0: next from a function's
 * last line goes on past the rest of the call's line in the caller). Expected stops: gdb's on the
 * same binaries.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class MidLineSteppingTest {
    @TempDir
    Path tmp;

    @Test
    void cppNextStopsOncePerStatement() throws Exception {
        String file = "midline.cpp";
        Path program = Debuggee.compile(file, tmp, "-O2");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            String source = Debuggee.source(file).toString();
            client.setBreakpoints(source, Debuggee.line(file, "CPP_LOOP"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.setBreakpoints(source);
            List<String> round = List.of("main:CPP_TWO_CALLS", "main:CPP_BUMP", "main:CPP_LABEL",
                    "main:CPP_WEIGH_LABEL", "main:CPP_LOOP_END", "main:CPP_LOOP");
            List<String> want = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                want.addAll(round);
            }
            assertEquals(want, InlineSteppingTest.walk(client, "n".repeat(want.size()), file));
        }
    }

    @Test
    void nextFromAFunctionsEndGoesOnPastTheRestOfTheCallersLine() throws Exception {
        String file = "loop.c";
        Path program = Debuggee.compile(file, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            String source = Debuggee.source(file).toString();
            client.setBreakpoints(source, Debuggee.line(file, "HELPER_RETURN"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.setBreakpoints(source);
            // HELPER_RETURN -> "}" -> (the rest of LOOP_CALL, mid-line, is not a stop) -> LOOP_PRINT
            List<String> stops = InlineSteppingTest.walk(client, "nn", file);
            assertEquals("main:LOOP_PRINT", stops.get(1), stops.toString());
            assertEquals("1", client.local("total"));
        }
    }
}
