/*
 * ExpressionEvaluateTest: C expressions through DAP evaluate (watch, hover, repl) on a recorded
 * program with a heap linked list, an array of structs, pointers, enums and bit-fields: member
 * chains, indexing, pointer arithmetic, casts to base types and struct pointers, sizeof, results
 * that expand like variables, expressions in a caller's frame, and one-line errors.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpressionEvaluateTest {
    @TempDir
    Path tmp;

    @Test
    void expressionsOverStructsArraysAndTheList() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("structs.c").toString(), Debuggee.line("structs.c", "DONE"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            int main = client.stackTrace()[0].getId();
            Function<String, String> watch = e -> result(client, e, main, "watch");

            assertEquals("3", watch.apply("list->value"));
            assertEquals("1", watch.apply("list->next->next->value"));
            assertEquals("0x0", watch.apply("list->next->next->next"));
            assertEquals("285", watch.apply("sum"));
            assertEquals("25", watch.apply("squares[3] + squares[4]"));
            assertEquals("10", watch.apply("sizeof(squares) / sizeof squares[0]"));
            assertEquals("2", watch.apply("&squares[2] - &squares[0]"));
            assertEquals("81", watch.apply("*(squares + 9)"));
            assertEquals("4", watch.apply("chosen->where.y"));
            assertEquals("\"beta\"", watch.apply("chosen->name"));
            assertEquals("SQUARE", watch.apply("chosen->shape"));
            assertEquals("1", watch.apply("chosen->shape == SQUARE && items[2].shape == TRIANGLE"));
            assertEquals("7", watch.apply("items[2].delta"));
            assertEquals("-1", watch.apply("items[0].delta"));
            assertEquals("5", watch.apply("items[2].flags"));
            assertEquals("1", watch.apply("chosen == &items[1] && chosen - items == 1"));
            assertEquals("1", watch.apply("(long)chosen - (long)&items[0] == sizeof(struct item)"));
            assertEquals("170 '\\252'", watch.apply("(unsigned char)total"));
            assertEquals("3", watch.apply("((struct node *)(void *)list)->value"));
            assertEquals("2", watch.apply("((node_t *)list)->next->value"));
            assertEquals("114 'r'", watch.apply("*title"));
            assertEquals("3", watch.apply("calls"));
            assertEquals("16", watch.apply("sizeof(node_t)"));
            assertEquals("-1", watch.apply("total > 100 ? -1 : 1"));

            EvaluateResponse node = client.evaluate("*list->next", main, "repl");
            assertEquals("struct node", node.getType());
            Map<String, Variable> members = byName(client.variables(node.getVariablesReference()));
            assertEquals("2", members.get("value").getValue());
            EvaluateResponse next = client.evaluate("list->next", main, "hover");
            assertEquals("struct node *", next.getType());
            Variable pointee = client.variables(next.getVariablesReference())[0];
            assertEquals("{value = 2, next = " + result(client, "list->next->next", main, "watch") + "}",
                    pointee.getValue());
            EvaluateResponse row = client.evaluate("items[1]", main, "watch");
            Map<String, Variable> fields = byName(client.variables(row.getVariablesReference()));
            assertEquals("{x = 3, y = 4}", fields.get("where").getValue());

            assertEquals("no symbol 'nosuch' in this context", client.evaluateError("nosuch", main, "repl"));
            // calls run in a throwaway copy of this moment: the result, and the replay untouched
            String callsBefore = result(client, "calls", main, "watch");
            assertEquals("30", result(client, "visit(list, 0)", main, "repl"));
            assertEquals("42", result(client, "visit(list->next->next, 32)", main, "repl"));
            assertEquals(callsBefore, result(client, "calls", main, "watch"), "the call's side effect stays in its copy");
            String needsInput = client.evaluateError("getpid()", main, "repl");
            assertTrue(needsInput.contains("needs a syscall"), needsInput);
            assertEquals("no function 'nosuchfunction' in the program",
                    client.evaluateError("nosuchfunction(1)", main, "repl"));
            assertEquals("struct node has no member named 'nosuch'", client.evaluateError("list->nosuch", main, "watch"));
            assertEquals("cannot dereference a value of type int", client.evaluateError("*total", main, "watch"));
            assertEquals("division by zero", client.evaluateError("total / (sum - 285)", main, "watch"));
            assertEquals("cannot read memory at 0x0", client.evaluateError("list->next->next->next->value", main, "watch"));
            assertTrue(client.evaluateError("(struct nosuch *)list", main, "repl").startsWith("unknown type 'struct nosuch'"));
            assertTrue(client.evaluateError("total = 1", main, "repl").contains("never changes the replay"));
            assertTrue(client.evaluateError("total +", main, "repl").contains("the expression ends"));

            // after the calls, the replay goes on exactly as recorded
            assertEquals("end", client.continueToStop().getReason());
            String out = client.stdout();
            assertEquals(out.substring(0, out.length() / 2), out.substring(out.length() / 2),
                    "the replay printed what the recording printed");
        }
    }

    @Test
    void theSelectedFrameDecidesWhatNamesMean() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("structs.c").toString(), Debuggee.line("structs.c", "VISIT"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.assertStopped(client.continueToStop(), "breakpoint"); // the second node
            int visit = client.stackTrace()[0].getId();
            int main = client.stackTrace()[1].getId();
            assertEquals("2", result(client, "n->value", visit, "hover"));
            assertEquals("30", result(client, "depth", visit, "watch"));
            assertEquals("32", result(client, "depth + calls", visit, "watch"));
            assertEquals("1", result(client, "p->value == 2 && total == 30", main, "repl"));
            assertEquals("no symbol 'n' in this context", client.evaluateError("n", main, "watch"));
            assertTrue(result(client, "$pc", visit, "repl").startsWith("0x"));
            assertEquals("registers are known only in the innermost frame", client.evaluateError("$pc", main, "repl"));
        }
    }

    @Test
    void optimizedBuildsEvaluateWhatIsThere() throws Exception {
        Path program = Debuggee.compile("structs.c", tmp, "-O2");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("structs.c").toString(), Debuggee.line("structs.c", "DONE"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            int main = client.stackTrace()[0].getId();
            assertEquals("88", result(client, "items[2].delta + squares[9]", main, "watch"));
            assertEquals("114 'r'", result(client, "*title", main, "watch"));
            assertEquals("1", result(client, "&items[2] - &items[0] == 2", main, "watch"));
        }
    }

    private static String result(DapTestClient client, String expression, int frame, String context) {
        try {
            return client.evaluate(expression, frame, context).getResult();
        } catch (Exception e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Variable> byName(Variable[] variables) {
        return Arrays.stream(variables).collect(Collectors.toMap(Variable::getName, v -> v));
    }
}
