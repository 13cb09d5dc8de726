/*
 * CppFormattersTest: the formatters of std::atomic, std::vector<bool> and wide and UTF strings in
 * the Locals scope, and of container iterators as the element they designate (a std::list iterator
 * stays raw: g++ leaves its template argument out of the debug information)
 * (native/tests/debuggee/stdmore.cpp, built with g++ at -O0 and -O2), each checked
 * against what gdb 13.1 with libstdc++'s pretty printers prints for the same variable (quoted
 * beside it: the display differs in form where gdb adds the class name, never in the value).
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CppFormattersTest {
    private static final String PROGRAM = "stdmore.cpp";

    /** Local → its display; gdb's print of it in the comment. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("counter", "42"); // std::atomic<int> = { 42 }
        EXPECTED.put("big", "-7"); // std::atomic<long> = { -7 }
        EXPECTED.put("flag", "true"); // std::atomic<bool> = { true }
        EXPECTED.put("bits", "size=5 {true, false, true, true, false}"); // of length 5, capacity 64 = {true, false, ...}
        EXPECTED.put("nobits", "size=0"); // std::vector<bool> of length 0, capacity 0
        EXPECTED.put("many", "size=100 {false, false, false, false, false, false, false, false, ...}");
        EXPECTED.put("wide", "L\"wide text\""); // L"wide text"
        EXPECTED.put("accents", "L\"\u00e9t\u00e9\""); // L"été"
        EXPECTED.put("u16", "u\"utf16 \u00e9\""); // u"utf16 é"
        EXPECTED.put("u32", "U\"utf32 \uD83D\uDE00\""); // U"utf32 😀"
        EXPECTED.put("vit", "20"); // 20
        EXPECTED.put("mit", "{first = 2, second = 200}"); // {first = 2, second = 200}
        EXPECTED.put("uit", "{first = 7, second = 70}"); // gdb 13 has no printer for it
        EXPECTED.put("fit", "8"); // 8
        // g++ gives _List_iterator<int> no template parameter in its DWARF: the element type is read from its name
        EXPECTED.put("lit", "6"); // 6
        EXPECTED.put("singular", "non-dereferenceable iterator"); // non-dereferenceable iterator for std::vector
    }

    @TempDir
    Path tmp;

    @Test
    void atO0TheyShowWhatGdbShows() throws Exception {
        try (DapTestClient client = stopped("-O0")) {
            int frame = client.stackTrace()[0].getId();
            Map<String, Variable> locals = client.scope(frame, "Locals");
            for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
                Variable v = locals.get(e.getKey());
                assertTrue(v != null, () -> "no local " + e.getKey());
                assertEquals(e.getValue(), v.getValue(), () -> e.getKey() + " of type " + v.getType());
            }
            // gdb: std::atomic<int *> = { 0x7fffffffe630 }, the address of target
            assertEquals(client.evaluate("&target", frame, "repl").getResult(), locals.get("where").getValue());
            assertTrue(locals.get("wptr").getValue().matches("0x[0-9a-f]+ L\"pointer\""),
                    locals.get("wptr").getValue()); // gdb: 0x555555559070 L"pointer"
            Map<String, String> many = new LinkedHashMap<>();
            for (Variable bit : client.variables(locals.get("many").getVariablesReference())) {
                many.put(bit.getName(), bit.getValue());
            }
            assertEquals("true", many.get("[70]"));
            assertEquals("false", many.get("[69]"));
            assertEquals("false", many.get("[99]"));
            assertTrue(many.containsKey("[raw]"));
            assertEquals("1", client.evaluate("many[70] == 1", frame, "repl").getResult());
            assertEquals("100", client.evaluate("many.size()", frame, "repl").getResult());
            assertEquals("9", client.evaluate("wide.size()", frame, "repl").getResult());
            assertEquals("42", client.evaluate("counter", frame, "repl").getResult());
        }
    }

    @Test
    void atO2EveryValueIsRightOrSaidToBeGone() throws Exception {
        try (DapTestClient client = stopped("-O2")) {
            Map<String, Variable> locals = new LinkedHashMap<>();
            for (var f : client.stackTrace()) {
                if (f.getName().equals("main")) {
                    locals = client.scope(f.getId(), "Locals");
                }
            }
            int shown = 0;
            for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
                Variable v = locals.get(e.getKey());
                if (v == null || v.getValue().equals("<optimized out>") || v.getValue().equals("<unavailable>")) {
                    continue;
                }
                assertEquals(e.getValue(), v.getValue(), e.getKey() + " at -O2");
                shown++;
            }
            int count = shown;
            assertTrue(count >= 4, () -> "only " + count + " shown of " + EXPECTED.keySet());
        }
    }

    private DapTestClient stopped(String optimization) throws Exception {
        Path program = Debuggee.compile(PROGRAM, tmp, optimization);
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source(PROGRAM).toString(), Debuggee.line(PROGRAM, "/* FMT_STOP"));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        return client;
    }
}
