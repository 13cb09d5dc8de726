/*
 * LogPointTest: a log point prints its message with each {expression} evaluated, as an output event
 * in the debug console, at every hit, and never stops; "{{" and "}}" are braces; an expression that
 * fails shows its error in place; a malformed message leaves the breakpoint unverified.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogPointTest {
    @TempDir
    Path tmp;

    @Test
    void printsEveryRoundWithoutStopping() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            Breakpoint[] bps = client.setSourceBreakpoints(Debuggee.source("structs.c").toString(),
                    DapTestClient.breakpoint(Debuggee.line("structs.c", "LOOP_BODY"), null, null,
                            "i={i} square={squares[i]} {{set}}"));
            assertTrue(bps[0].isVerified(), () -> "not verified: " + bps[0].getMessage());
            client.configurationDone();
            assertEquals("end", client.awaitStopped().getReason()); // never stopped at the log point
            List<String> logged = client.all("output", OutputEventArguments.class).stream()
                    .filter(o -> "console".equals(o.getCategory()) && o.getOutput().startsWith("i="))
                    .map(OutputEventArguments::getOutput).collect(Collectors.toList());
            List<String> expected = IntStream.range(0, 10).mapToObj(i -> "i=" + i + " square=" + (i * i) + " {set}\n")
                    .collect(Collectors.toList());
            assertEquals(expected, logged);
        }
    }

    @Test
    void withAConditionAndAFailingExpression() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setSourceBreakpoints(Debuggee.source("structs.c").toString(),
                    DapTestClient.breakpoint(Debuggee.line("structs.c", "LOOP_BODY"), "i > 7", null,
                            "late {i}: {nosuch}"));
            client.configurationDone();
            assertEquals("end", client.awaitStopped().getReason());
            String console = client.console();
            assertTrue(console.contains("late 8: <no symbol 'nosuch' in this context>\n"), console);
            assertTrue(console.contains("late 9: <no symbol 'nosuch' in this context>\n"), console);
            assertFalse(console.contains("late 7"), console);
        }
    }

    @Test
    void malformedMessagesAreUnverified() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            int line = Debuggee.line("structs.c", "LOOP_BODY");
            Breakpoint[] bps = client.setSourceBreakpoints(Debuggee.source("structs.c").toString(),
                    DapTestClient.breakpoint(line, null, null, "i={i"));
            assertFalse(bps[0].isVerified());
            assertTrue(bps[0].getMessage().contains("is not closed"), bps[0].getMessage());
            Breakpoint[] again = client.setSourceBreakpoints(Debuggee.source("structs.c").toString(),
                    DapTestClient.breakpoint(line, null, null, "{i +}"));
            assertFalse(again[0].isVerified());
            assertTrue(again[0].getMessage().contains("the expression ends"), again[0].getMessage());
        }
    }
}
