/*
 * EvaluateTest: watch, hover and repl evaluate a local or global by name in the selected frame, and
 * expressions over them; an unknown name gets a clear error. (ExpressionEvaluateTest has the rest.)
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateTest {
    @TempDir
    Path tmp;

    @Test
    void namesInScopeAndClearErrors() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("loop.c").toString(), Debuggee.line("loop.c", "HELPER_RETURN"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            int helper = client.stackTrace()[0].getId();
            int main = client.stackTrace()[1].getId();
            assertEquals("0", evaluate(client, "doubled", helper, "watch").getResult());
            assertEquals("42", evaluate(client, "counter_global", helper, "hover").getResult());
            assertEquals("0", evaluate(client, "i", main, "repl").getResult());
            EvaluateResponse origin = evaluate(client, "origin", helper, "watch");
            assertEquals("{x = 3, y = -4}", origin.getResult());
            assertTrue(origin.getVariablesReference() > 0);
            ResponseError unknown = DapTestClient.error(client.server().evaluate(args("nosuch", helper, "repl")));
            assertEquals("no symbol 'nosuch' in this context", unknown.getMessage());
            ResponseError notLocal = DapTestClient.error(client.server().evaluate(args("i", helper, "watch")));
            assertEquals("no symbol 'i' in this context", notLocal.getMessage());
            assertEquals("1", evaluate(client, "i + 1", main, "repl").getResult());
            assertEquals("-1", evaluate(client, "origin.x + origin.y", helper, "watch").getResult());
            assertEquals("3", evaluate(client, "origin_ptr->x", helper, "hover").getResult());
        }
    }

    private static EvaluateResponse evaluate(DapTestClient client, String expr, int frame, String context) throws Exception {
        return DapTestClient.call(client.server().evaluate(args(expr, frame, context)));
    }

    private static EvaluateArguments args(String expr, int frame, String context) {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression(expr);
        a.setFrameId(frame);
        a.setContext(context);
        return a;
    }
}
