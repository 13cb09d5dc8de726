/*
 * InlineSteppingTest: line steps at -O2 through a function gcc inlines (inline_o2.c: scale() is a
 * DW_TAG_inlined_subroutine in main, record() and twice() real calls), run by the agent's motion
 * engine. The expected stops are gdb's on the same binary (gdb 12+, read by hand): next does not
 * enter the inlined call but stops at its call site when the step comes to it from another line;
 * stepIn goes into it; stepOut of it stops at the caller's next statement or call site; a call
 * returning mid-line steps on to the next statement.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class InlineSteppingTest {
    private static final String FILE = "inline_o2.c";

    @TempDir
    Path tmp;

    @Test
    void nextStaysInTheCallerAndStopsAtTheInlinedCallSite() throws Exception {
        try (DapTestClient client = atInlinedCall()) {
            assertEquals(List.of("scale:SCALE_RETURN", "main:MAIN_INLINE_CALL", "main:MAIN_TWO_CALLS",
                    "main:MAIN_RECORD", "main:MAIN_LOOP", "main:MAIN_INLINE_CALL", "main:MAIN_TWO_CALLS"),
                    walk(client, "nnnnnnn"));
        }
    }

    @Test
    void stepInEntersTheInlinedFunctionAndRealCalls() throws Exception {
        try (DapTestClient client = atInlinedCall()) {
            assertEquals(List.of("record:RECORD_BODY", "scale:SCALE_RETURN", "main:MAIN_INLINE_CALL",
                    "scale:SCALE_RETURN", "main:MAIN_TWO_CALLS", "twice:TWICE_BODY", "twice:TWICE_BODY",
                    "main:MAIN_RECORD"), walk(client, "ssssssss"));
        }
    }

    @Test
    void stepOutOfTheInlinedFunctionStopsInTheCaller() throws Exception {
        try (DapTestClient client = atInlinedCall()) {
            assertEquals(List.of("main:MAIN_INLINE_CALL", "main:MAIN_TWO_CALLS", "main:MAIN_RECORD"),
                    walk(client, "onn"));
        }
    }

    @Test
    void stepOutOfARealCallThenOfTheInlinedOne() throws Exception {
        try (DapTestClient client = atInlinedCall()) {
            assertEquals(List.of("record:RECORD_BODY", "scale:SCALE_RETURN", "main:MAIN_INLINE_CALL",
                    "main:MAIN_TWO_CALLS"), walk(client, "soon"));
        }
    }

    /** Stopped at the breakpoint on the inlined call's line, which gdb shows inside scale too. */
    private DapTestClient atInlinedCall() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O2");
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        String source = Debuggee.source(FILE).toString();
        client.setBreakpoints(source, Debuggee.line(FILE, "MAIN_INLINE_CALL"));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        StackFrame[] frames = client.stackTrace();
        // gcc really inlined scale(): a virtual frame of the inlined call above main's own
        assertEquals("scale (inlined)", frames[0].getName());
        assertEquals(Debuggee.line(FILE, "SCALE_RECORD"), frames[0].getLine());
        assertEquals("main", frames[1].getName());
        client.setBreakpoints(source);
        return client;
    }

    /** Runs the motions (n next, s stepIn, o stepOut) and names each stop "function:MARKER". */
    static List<String> walk(DapTestClient client, String motions) throws Exception {
        return walk(client, motions, FILE);
    }

    static List<String> walk(DapTestClient client, String motions, String file) throws Exception {
        List<String> stops = new ArrayList<>();
        for (char m : motions.toCharArray()) {
            switch (m) {
                case 'n' -> DapTestClient.call(client.server().next(next()));
                case 's' -> DapTestClient.call(client.server().stepIn(stepIn()));
                case 'o' -> DapTestClient.call(client.server().stepOut(new StepOutArguments()));
                default -> throw new IllegalArgumentException("motion " + m);
            }
            client.assertStopped(client.awaitStopped(), "step");
            StackFrame top = client.stackTrace()[0];
            stops.add(top.getName().replace(" (inlined)", "") + ":" + Debuggee.marker(file, top.getLine()));
        }
        return stops;
    }

    static NextArguments next() {
        NextArguments a = new NextArguments();
        a.setThreadId(1);
        return a;
    }

    static StepInArguments stepIn() {
        StepInArguments a = new StepInArguments();
        a.setThreadId(1);
        return a;
    }
}
