/*
 * CppNamesTest: names beyond the frame's locals in evaluate, through the real server on a recorded
 * program (native/tests/debuggee/cppnames.cpp, g++ -O0), each checked against what gdb 13.1 prints
 * for the same expression on the same binary (quoted beside it): functions as values and pointers
 * to them, calls through function pointers (a local, an array element, a member reached through a
 * pointer) in the throwaway copy, namespace-scope variables and static data members; a null or
 * bogus function pointer is refused, never called.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CppNamesTest {
    private static final String PROGRAM = "cppnames.cpp";
    /** An address followed by a function's name, as a pointer to a function is shown. */
    private static final String AT = "0x[0-9a-f]+ <";

    @TempDir
    Path tmp;

    @Test
    void functionsAreValuesAndPointersToThemShowTheirTarget() throws Exception {
        try (DapTestClient client = stoppedAtMain()) {
            int frame = client.stackTrace()[0].getId();
            // gdb: $1 = {int (int, char **)} 0x5555555552b5 <main(int, char**)>
            EvaluateResponse main = client.evaluate("main", frame, "repl");
            assertMatches("\\{int \\(int, char \\*\\*\\)\\} " + AT + "main>", main.getResult());
            assertEquals("int (int, char **)", main.getType());
            // gdb: $2 = (int (*)(int, char **)) 0x5555555552b5 <main(int, char**)>
            EvaluateResponse address = client.evaluate("&main", frame, "repl");
            assertMatches(AT + "main>", address.getResult());
            assertEquals("int (*)(int, char **)", address.getType());
            // gdb: $3 = {int (int, int)} 0x555555555149 <compare_ints(int, int)>
            assertMatches("\\{int \\(int, int\\)\\} " + AT + "compare_ints>", result(client, "compare_ints", frame));
            // gdb: $5 = (int (*)(int)) 0x55555555519f <twice(int)>
            assertMatches(AT + "twice>", result(client, "fp", frame));
            assertEquals("int (*)(int)", client.evaluate("fp", frame, "repl").getType());
            // gdb: $6 = (int (*)(int, int)) 0x555555555149 <compare_ints(int, int)>
            assertMatches(AT + "compare_ints>", result(client, "cmp", frame));
            assertMatches(AT + "add>", result(client, "ops_value.apply", frame)); // gdb: $13 <add(int, int)>
            // gdb: $18 = {int (int, ...)} 0x5555555551b8 <sum_all(int, ...)>
            assertMatches("\\{int \\(int, \\.\\.\\.\\)\\} " + AT + "sum_all>", result(client, "sum_all", frame));
            // gdb: $19 = {int (void)} 0x5555555551ad <no_args()>
            assertMatches("\\{int \\(void\\)\\} " + AT + "no_args>", result(client, "no_args", frame));
            // gdb: $20 = {int (int)} 0x55555555519f <twice(int)>
            assertMatches("\\{int \\(int\\)\\} " + AT + "twice>", result(client, "*fp", frame));
            assertEquals("1", result(client, "fp == twice", frame)); // gdb: $23 = true (C++ bool)
            assertEquals("1", result(client, "&compare_ints == cmp", frame));
        }
    }

    @Test
    void callsGoThroughFunctionPointersInTheThrowawayCopy() throws Exception {
        try (DapTestClient client = stoppedAtMain()) {
            int frame = client.stackTrace()[0].getId();
            assertEquals("6", result(client, "fp(3)", frame)); // gdb: $7 = 6
            assertEquals("-1", result(client, "cmp(1, 2)", frame)); // gdb: $8 = -1
            assertEquals("8", result(client, "(*fp)(4)", frame)); // gdb: $9 = 8
            assertEquals("20", result(client, "table[1](4, 5)", frame)); // gdb: $10 = 20
            assertEquals("5", result(client, "ops->apply(2, 3)", frame)); // gdb: $11 = 5
            assertEquals("14", result(client, "ops->single(7)", frame)); // gdb: $12 = 14
            assertEquals("9", result(client, "ops_value.apply(4, 5) + 0", frame));
            assertEquals("12", result(client, "(&twice)(6)", frame));
            assertEquals("3", result(client, "sum_all(2, 1, 2)", frame)); // gdb: 3
            // gdb calls address 0 and reports SIGSEGV in the called function; we refuse before calling
            assertRefused(client, "none(1)", frame, "null");
            assertRefused(client, "((int (*)(int))0)(1)", frame, "");
            assertRefused(client, "first(1)", frame, "only functions and pointers to functions can be called");
            assertEquals("end", client.continueToStop().getReason());
            assertTrue(client.stdout().contains("6 -1 20 5 2 5 11 12 3 1"), client::stdout);
        }
    }

    @Test
    void namespaceVariablesAndStaticMembersAreFound() throws Exception {
        try (DapTestClient client = stoppedAtMain()) {
            int frame = client.stackTrace()[0].getId();
            assertEquals("11", result(client, "geo::origin", frame)); // gdb: $14 = 11
            assertEquals("12", result(client, "geo::inner::depth", frame)); // gdb: $15 = 12
            // gdb: whatis → type = long (the DWARF base type's own name is shown here: "long int")
            assertEquals("long int", client.evaluate("geo::inner::depth", frame, "repl").getType());
            assertEquals("2", result(client, "Counter::made", frame)); // gdb: $16 = 2
            assertEquals("99", result(client, "Counter::limit", frame)); // gdb: $17 = 99
            assertEquals("13", result(client, "geo::origin + 2", frame));
            // gdb: $24 = (int *) 0x555555558020 <geo::origin>
            assertMatches("0x[0-9a-f]+", result(client, "&geo::origin", frame));
            assertRefused(client, "geo::nothere", frame, "no symbol 'geo::nothere'");
            // outside a method of Counter a bare static member's name is no name (as in C++ and gdb)
            assertRefused(client, "made", frame, "no symbol 'made'");
            // the Globals scope names them as gdb's info variables does: qualified
            java.util.Map<String, org.eclipse.lsp4j.debug.Variable> globals = client.scope(frame, "Globals");
            assertEquals("11", globals.get("geo::origin").getValue(), globals::toString);
            assertEquals("12", globals.get("geo::inner::depth").getValue(), globals::toString);
            assertEquals("2", globals.get("Counter::made").getValue(), globals::toString);
            assertRefused(client, "Counter::nothere", frame, "no symbol 'Counter::nothere'");
        }
    }

    @Test
    void stdFunctionShowsItsTarget() throws Exception {
        // gdb 13 has no printer for std::function (it prints the raw _Function_base); LLDB names the target
        try (DapTestClient client = stoppedAtMain()) {
            int frame = client.stackTrace()[0].getId();
            java.util.Map<String, org.eclipse.lsp4j.debug.Variable> locals = client.scope(frame, "Locals");
            assertEquals("empty", locals.get("empty_fn").getValue()); // gdb raw: _M_manager = 0x0
            // gdb raw: _M_function_pointer = 0x5555555551c0 <twice(int)>
            assertMatches(AT + "twice>", locals.get("pointer_fn").getValue());
            // gdb raw: _M_manager = ... <std::_Function_handler<int(int), main(int, char**)::<lambda(int)> >::_M_manager(...)>
            assertEquals("{main(int, char**)::<lambda(int)>}", locals.get("lambda_fn").getValue());
            java.util.Map<String, String> children = new java.util.HashMap<>();
            for (var v : client.variables(locals.get("lambda_fn").getVariablesReference())) {
                children.put(v.getName(), v.getValue());
            }
            assertMatches(AT + "std::_Function_handler<int\\(int\\), main\\(int, char\\*\\*\\)::<lambda\\(int\\)> "
                    + ">::_M_invoke>", children.get("[invoker]"));
            assertTrue(children.containsKey("[raw]"), children::toString);
            assertEquals("end", client.continueToStop().getReason());
            assertTrue(client.stdout().contains("0 8 43"), client::stdout);
        }
    }

    private DapTestClient stoppedAtMain() throws Exception {
        Path program = Debuggee.compile(PROGRAM, tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source(PROGRAM).toString(), Debuggee.line(PROGRAM, "/* MAIN_STOP"));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        return client;
    }

    private static void assertMatches(String regex, String actual) {
        assertTrue(actual.matches(regex), () -> "'" + actual + "' does not match " + regex);
    }

    private static String result(DapTestClient client, String expression, int frame) {
        try {
            return client.evaluate(expression, frame, "repl").getResult();
        } catch (Exception e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }

    private static void assertRefused(DapTestClient client, String expression, int frame, String reason)
            throws Exception {
        String error = client.evaluateError(expression, frame, "repl");
        assertTrue(error.contains(reason), () -> expression + ": " + error);
    }
}
