/*
 * TypeNamesTest: type names as evaluate and the variables view show them, table-tested against
 * gdb's whatis on the same binaries (captured by hand, gdb 16 on Debian): qualifiers bind to what
 * they follow, arrays of pointers and pointers to arrays, C++ classes without a struct keyword and
 * `this` in a const method; and code pointers shown with their function, as gdb prints them.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TypeNamesTest {
    /** Expression → gdb's `whatis` of it in calls.c at the CALLS line. */
    private static final Map<String, String> C_TYPES = Map.ofEntries(
            Map.entry("item", "item_t * const"),
            Map.entry("table", "const void * const[85]"),
            Map.entry("names", "const char *[3]"),
            Map.entry("fixed", "char * const"),
            Map.entry("name_list", "const char * const *"),
            Map.entry("matrix_row", "int (*)[10]"),
            Map.entry("grid", "int [3][4]"),
            Map.entry("origin", "struct point * const"),
            Map.entry("flags", "const volatile int"),
            Map.entry("watched", "int * volatile"),
            Map.entry("&names", "const char *(*)[3]"),
            Map.entry("&grid[1]", "int (*)[4]"),
            Map.entry("*item", "item_t"),
            Map.entry("head", "item_t"));

    /** The same for shapes.cpp in LabeledRect::area (a const method). */
    private static final Map<String, String> CPP_TYPES = Map.ofEntries(
            Map.entry("this", "const LabeledRect * const"),
            Map.entry("*this", "const LabeledRect"),
            Map.entry("rect_view", "const LabeledRect *"),
            Map.entry("no_shape", "Shape * const"),
            Map.entry("rects", "LabeledRect [2]"),
            Map.entry("&rects[0]", "LabeledRect *"));

    @TempDir
    Path tmp;

    @Test
    void cDeclarationsAreSpelledAsGdbSpellsThem() throws Exception {
        Path program = Debuggee.compile("calls.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("calls.c").toString(), Debuggee.line("calls.c", "CALLS"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            int main = client.stackTrace()[0].getId();
            for (Map.Entry<String, String> e : C_TYPES.entrySet()) {
                assertEquals(e.getValue(), client.evaluate(e.getKey(), main, "watch").getType(), e.getKey());
            }
            assertEquals("item_t * const", client.scope(main, "Locals").get("item").getType());

            // code pointers with their function (gdb: (int (*)(const void *, const void *)) 0x... <compare>)
            String order = client.scope(main, "Locals").get("order").getValue();
            assertTrue(order.matches("0x[0-9a-f]+ <compare>"), order);
            EvaluateResponse pointer = client.evaluate("order", main, "watch");
            assertEquals(order, pointer.getResult());
        }
    }

    @Test
    void cplusplusClassesHaveNoStructKeyword() throws Exception {
        Path program = Debuggee.compile("shapes.cpp", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source("shapes.cpp").toString(), Debuggee.line("shapes.cpp", "AREA"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            int area = client.stackTrace()[0].getId();
            for (Map.Entry<String, String> e : CPP_TYPES.entrySet()) {
                assertEquals(e.getValue(), client.evaluate(e.getKey(), area, "watch").getType(), e.getKey());
            }
            assertEquals("12", client.evaluate("this->w * this->h", area, "watch").getResult());
            assertEquals("8", client.evaluate("sizeof(LabeledRect)", area, "watch").getResult());
            assertEquals("3", client.evaluate("((const LabeledRect *)this)->w", area, "watch").getResult());
        }
    }
}
