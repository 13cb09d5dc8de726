/*
 * DeepExpressionTest: hostile expressions through DAP at a real stop: evaluate with 2,000
 * parentheses, 50,000 terms or 100,000 '*' answers "expression nested too deeply" at once; the
 * same as a breakpoint condition or inside a log message leaves the breakpoint unverified with that
 * message (quoted short); and the session goes on answering as before.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.eval.Parser;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class DeepExpressionTest {
    private static final String TOO_DEEP = "expression nested too deeply (limit " + Parser.MAX_DEPTH + ")";
    private static final List<String> HOSTILE = List.of(
            "(".repeat(2_000) + "total" + ")".repeat(2_000),
            "total" + " + 1".repeat(50_000),
            "*".repeat(100_000) + "greeting");

    @TempDir
    Path tmp;

    @Test
    void evaluateConditionsAndLogMessagesRefuseThemClearly() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            String source = Debuggee.source("loop.c").toString();
            int line = Debuggee.line("loop.c", "LOOP_PRINT");
            client.setBreakpoints(source, line);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            int frame = client.stackTrace()[0].getId();
            for (String hostile : HOSTILE) {
                String error = client.evaluateError(hostile, frame, "watch");
                assertTrue(error.contains(TOO_DEEP), error);
                assertTrue(error.length() < 300, () -> "the message quotes the expression short: " + error.length());
                for (Breakpoint bp : List.of(
                        client.setSourceBreakpoints(source, DapTestClient.breakpoint(line, hostile, null, null))[0],
                        client.setSourceBreakpoints(source,
                                DapTestClient.breakpoint(line, null, null, "x={" + hostile + "}"))[0])) {
                    assertFalse(bp.isVerified());
                    assertTrue(bp.getMessage().contains(TOO_DEEP), bp.getMessage());
                    assertTrue(bp.getMessage().length() < 300, "quoted short");
                }
            }
            assertEquals("1", client.evaluate("total", frame, "watch").getResult(), "the session goes on");
        }
    }
}
