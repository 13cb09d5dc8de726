/*
 * CallsEvaluateTest: function calls in evaluate, through the real server on a recorded program
 * (native/tests/debuggee/calls.c), compared with what gdb prints for the same expressions: libc
 * IFUNCs (strlen, memcmp, strchr) and the program's own IFUNC call the implementation, not the
 * resolver; a result and what it points to are read from the copy of the program the call ran in
 * (a version string filled by the call, a greeting built from a string literal argument), also
 * when the client expands it; nested calls share one copy; the replay itself is never changed.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CallsEvaluateTest {
    @TempDir
    Path tmp;

    @Test
    void ifuncsCallTheirImplementation() throws Exception {
        try (DapTestClient client = stopped()) {
            int main = client.stackTrace()[0].getId();
            assertEquals("6", result(client, "strlen(word)", main)); // gdb: (size_t)strlen(word) = 6
            assertEquals("0", result(client, "memcmp(word, fixed, 0)", main));
            assertEquals("1", result(client, "memcmp(word, \"ban\", 3) == 0", main));
            assertEquals("1", result(client, "strchr(word, 110) == word + 2", main));
            assertEquals("42", result(client, "twice(21)", main)); // the program's own IFUNC, gdb: 42
        }
    }

    @Test
    void resultsAreReadFromTheCallsCopy() throws Exception {
        try (DapTestClient client = stopped()) {
            int main = client.stackTrace()[0].getId();
            // gdb: $1 = 0x5555555580e0 <version_text> "1.7.19"; the replay's buffer is still empty
            EvaluateResponse version = client.evaluate("lib_version()", main, "repl");
            assertTrue(version.getResult().endsWith("\"1.7.19\""), version.getResult());
            assertEquals("0 '\\0'", result(client, "version_text[0]", main));
            assertEquals("49 '1'", result(client, "*lib_version()", main));
            assertEquals("55 '7'", result(client, "lib_version()[2]", main));

            // a string literal argument goes into the copy; the result expands in the copy
            EvaluateResponse greeting = client.evaluate("greet(\"world\")", main, "repl");
            assertTrue(greeting.getResult().endsWith("\"hello, world!\""), greeting.getResult());
            Variable first = client.variables(greeting.getVariablesReference())[0];
            assertEquals("104 'h'", first.getValue());
            assertEquals("2", result(client, "count_char(\"banana\", 110)", main));
            assertEquals("4", result(client, "count_char(greet(\"lol\"), 108)", main)); // nested: one copy
            assertEquals("0 '\\0'", result(client, "greeting[0]", main), "the replay is untouched");

            // a later call's copy replaces the earlier one: its expansion fails, never reads the replay
            EvaluateResponse again = client.evaluate("greet(\"again\")", main, "repl");
            client.evaluate("lib_version()", main, "repl");
            AssertionError gone = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> client.variables(again.getVariablesReference()));
            assertTrue(String.valueOf(gone.getMessage()).contains("gone"), gone.getMessage());

            assertEquals("end", client.continueToStop().getReason());
            String out = client.stdout();
            assertTrue(out.contains("banana 7 2 3"), out);
        }
    }

    private DapTestClient stopped() throws Exception {
        Path program = Debuggee.compile("calls.c", tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source("calls.c").toString(), Debuggee.line("calls.c", "CALLS"));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        return client;
    }

    private static String result(DapTestClient client, String expression, int frame) {
        try {
            return client.evaluate(expression, frame, "repl").getResult();
        } catch (Exception e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }
}
