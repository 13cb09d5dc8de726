/*
 * UnverifiedBreakpointTest: breakpoints that cannot be placed are answered unverified with a
 * reason (a file that is not part of the program, a line past the end of the code, a condition
 * with a syntax error), while the valid ones of the same request are verified; a line
 * without code moves to the next line that has some (above or between functions: the next
 * function's first line, as gdb); function breakpoints resolve by name.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnverifiedBreakpointTest {
    @TempDir
    Path tmp;

    @Test
    void unknownFileIsUnverifiedWithAMessage() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            Breakpoint[] bps = client.setBreakpoints("/no/such/dir/other.c", 10);
            assertFalse(bps[0].isVerified());
            assertTrue(bps[0].getMessage().contains("not a source file of the program"), bps[0].getMessage());
        }
    }

    @Test
    void linesWithoutCodeMoveOrFailAndBadConditionsAreRefused() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        String source = Debuggee.source("loop.c").toString();
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            SetBreakpointsArguments args = new SetBreakpointsArguments();
            Source src = new Source();
            src.setPath(source);
            args.setSource(src);
            SourceBreakpoint past = new SourceBreakpoint();
            past.setLine(10_000);
            SourceBreakpoint moved = new SourceBreakpoint();
            moved.setLine(Debuggee.line("loop.c", "NO_CODE")); // a comment: moves to the loop's line
            SourceBreakpoint conditional = new SourceBreakpoint();
            conditional.setLine(Debuggee.line("loop.c", "LOOP_CALL"));
            conditional.setCondition("i == 2 &&");
            SourceBreakpoint good = new SourceBreakpoint();
            good.setLine(Debuggee.line("loop.c", "LOOP_PRINT"));
            args.setBreakpoints(new SourceBreakpoint[] {past, moved, conditional, good});
            Breakpoint[] bps = DapTestClient.call(client.server().setBreakpoints(args)).getBreakpoints();
            assertEquals(4, bps.length);
            assertFalse(bps[0].isVerified());
            assertTrue(bps[0].getMessage() != null && !bps[0].getMessage().isBlank());
            assertTrue(bps[1].isVerified(), () -> "a line without code should move: " + bps[1].getMessage());
            assertEquals(Debuggee.line("loop.c", "LOOP_HEAD"), bps[1].getLine());
            assertFalse(bps[2].isVerified());
            assertTrue(bps[2].getMessage().startsWith("invalid condition 'i == 2 &&'"), bps[2].getMessage());
            assertTrue(bps[3].isVerified());
        }
    }

    @Test
    void linesAboveAndBetweenFunctionsMoveToTheNextFunctionsFirstLine() throws Exception {
        // watch.c: the file's opening comment, a global, a struct's end and blank lines before
        // bump move to bump's first line; the blank line and the declarations between bump and
        // main to main's first line with code (as gdb 13 places them)
        Path program = Debuggee.compile("watch.c", tmp, "-O0");
        String source = Debuggee.source("watch.c").toString();
        int bumpBody = Debuggee.line("watch.c", "BUMP_STORE");
        int mainFirst = Debuggee.line("watch.c", "MAIN_FIRST");
        int bumpHead = Debuggee.line("watch.c", "static void bump(");
        int mainHead = Debuggee.line("watch.c", "int main(void)");
        int[] lines = {1, Debuggee.line("watch.c", "int counter;"), bumpHead - 1, bumpHead, mainHead - 1, mainHead,
            mainFirst - 1};
        int[] want = {bumpBody, bumpBody, bumpBody, bumpBody, mainFirst, mainFirst, mainFirst};
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            for (int i = 0; i < lines.length; i++) {
                Breakpoint bp = client.setBreakpoints(source, lines[i])[0];
                int line = lines[i];
                assertTrue(bp.isVerified(), () -> "line " + line + ": " + bp.getMessage());
                assertEquals(want[i], bp.getLine(), "line " + line);
            }
            // the last one placed (above main's first line) is hit there
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals(mainFirst, client.stackTrace()[0].getLine());
            // and one above bump, hit in bump
            client.setBreakpoints(source, bumpHead - 1);
            client.assertStopped(client.continueToStop(), "breakpoint");
            assertEquals("bump", client.stackTrace()[0].getName());
            assertEquals(bumpBody, client.stackTrace()[0].getLine());
            // past the last function there is no code
            Breakpoint after = client.setBreakpoints(source, Debuggee.line("watch.c", "MAIN_RETURN") + 2)[0];
            assertFalse(after.isVerified());
            assertTrue(after.getMessage().contains("no code at line"), after.getMessage());
        }
    }

    @Test
    void functionBreakpoints() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            SetFunctionBreakpointsArguments args = new SetFunctionBreakpointsArguments();
            FunctionBreakpoint helper = new FunctionBreakpoint();
            helper.setName("helper");
            FunctionBreakpoint missing = new FunctionBreakpoint();
            missing.setName("no_such_function");
            args.setBreakpoints(new FunctionBreakpoint[] {helper, missing});
            Breakpoint[] bps = DapTestClient.call(client.server().setFunctionBreakpoints(args)).getBreakpoints();
            assertTrue(bps[0].isVerified(), () -> "helper: " + bps[0].getMessage());
            assertFalse(bps[1].isVerified());
            assertTrue(bps[1].getMessage().contains("no_such_function"), bps[1].getMessage());
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals("helper", client.stackTrace()[0].getName());
            assertEquals(Debuggee.line("loop.c", "HELPER_FIRST"), client.line());
            assertEquals("0", client.local("value"));
        }
    }
}
