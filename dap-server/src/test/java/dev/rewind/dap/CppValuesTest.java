/*
 * CppValuesTest: C++ values in the Locals scope as a C++ developer expects them, checked against the
 * values the program itself prints (native/tests/debuggee/stl.cpp, "truth NAME: DISPLAY" lines:
 * the forward ground truth), built with g++ at -O0 and -O2: libstdc++ containers, strings and
 * smart pointers through their formatters, paging and "[raw]", base classes, the dynamic class of
 * a polymorphic pointee, references, this in Locals, and damaged containers shown as invalid.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CppValuesTest {
    private static final Pattern TRUTH = Pattern.compile("^truth (\\w+): (.*)$", Pattern.MULTILINE);
    private static final String PROGRAM = "stl.cpp";

    @TempDir
    Path tmp;

    @Test
    void libraryValuesAtO0AreWhatTheProgramPrints() throws Exception {
        try (DapTestClient client = stoppedAt("-O0", "/* STL_STOP")) {
            Map<String, String> truth = truth(client);
            assertTrue(truth.size() >= 25, truth::toString);
            Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
            for (Map.Entry<String, String> t : truth.entrySet()) {
                Variable v = locals.get(t.getKey());
                assertTrue(v != null, () -> "no local " + t.getKey());
                assertEquals(t.getValue(), v.getValue(), () -> t.getKey() + " of type " + v.getType());
            }
            assertEquals("int &", locals.get("answer_ref").getType());
            for (Map.Entry<String, String> t : GDB_TYPES.entrySet()) {
                assertEquals(t.getValue(), locals.get(t.getKey()).getType(), t.getKey());
            }
            int frame = client.stackTrace()[0].getId();
            assertEquals("std::vector<int> *", client.evaluate("&numbers", frame, "watch").getType());
            assertEquals("std::vector<int>", client.evaluate("*bogus_vector", frame, "watch").getType());
        }
    }

    /** gdb 16's `whatis` of these locals at STL_STOP (with libstdc++'s type printers, as gdb starts). */
    private static final Map<String, String> GDB_TYPES = Map.ofEntries(
            Map.entry("numbers", "std::vector<int>"), Map.entry("words", "std::vector<std::string>"),
            Map.entry("small", "std::string"), Map.entry("view", "std::string_view"),
            Map.entry("ages", "std::map<std::string, int>"), Map.entry("squares", "std::unordered_map<int, int>"),
            Map.entry("primes", "std::set<int>"), Map.entry("listed", "std::list<int>"),
            Map.entry("forward", "std::forward_list<int>"), Map.entry("queue", "std::deque<int>"),
            Map.entry("fixed", "std::array<int, 3>"), Map.entry("owned", "std::unique_ptr<int>"),
            Map.entry("shared", "std::shared_ptr<int>"), Map.entry("weak", "std::weak_ptr<int>"),
            Map.entry("some", "std::optional<int>"), Map.entry("alt", "std::variant<int, std::string>"),
            Map.entry("tup", "std::tuple<int, char, double>"), Map.entry("duo", "std::pair<int, std::string>"));

    @Test
    void atO2EveryValueIsRightOrSaidToBeGone() throws Exception {
        try (DapTestClient client = stoppedAt("-O2", "/* STL_STOP")) {
            Map<String, String> truth = truth(client);
            Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
            int shown = 0;
            for (Map.Entry<String, String> t : truth.entrySet()) {
                Variable v = locals.get(t.getKey());
                if (v == null) {
                    continue; // the compiler left no trace of it
                }
                String value = v.getValue();
                if (!value.equals("<optimized out>") && !value.equals("<unavailable>")) {
                    assertEquals(t.getValue(), value, () -> t.getKey() + " at -O2");
                    shown++;
                }
            }
            assertTrue(shown >= 10, () -> "only " + truth + " vs " + locals.keySet());
        }
    }

    @Test
    void containersExpandIntoElementsPagedWithARawView() throws Exception {
        try (DapTestClient client = stoppedAt("-O0", "/* STL_STOP")) {
            Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
            String out = stdoutLine(client, "big[9998]");
            Matcher m = Pattern.compile("big\\[9998\\] (\\d+) big\\[9999\\] (\\d+) table\\[998\\] (\\d+) table\\[999\\] (\\d+)")
                    .matcher(out);
            assertTrue(m.find(), out);

            Variable big = locals.get("big");
            assertEquals(10000, big.getIndexedVariables());
            assertEquals(1, big.getNamedVariables());
            Variable[] page = page(client, big, VariablesArgumentsFilter.INDEXED, 9998, 2);
            assertEquals(List.of("[9998]", "[9999]"), List.of(page[0].getName(), page[1].getName()));
            assertEquals(m.group(1), page[0].getValue());
            assertEquals(m.group(2), page[1].getValue());
            Variable[] named = page(client, big, VariablesArgumentsFilter.NAMED, 0, 0);
            assertEquals(1, named.length);
            assertEquals("[raw]", named[0].getName());
            Map<String, Variable> raw = children(client, named[0]);
            assertTrue(raw.keySet().stream().anyMatch(k -> k.startsWith("[_Vector_base<")), () -> "raw vector: " + raw);

            Variable table = locals.get("table");
            assertEquals(1000, table.getIndexedVariables());
            Variable[] tail = page(client, table, VariablesArgumentsFilter.INDEXED, 998, 2);
            assertEquals("[998]", tail[0].getName());
            assertEquals(m.group(3), tail[0].getValue());
            assertEquals("[999]", tail[1].getName());
            assertEquals(m.group(4), tail[1].getValue());

            Map<String, Variable> ages = children(client, locals.get("ages"));
            assertEquals("42", ages.get("[\"bob\"]").getValue());
            Map<String, Variable> words = children(client, locals.get("words"));
            assertEquals("\"alpha\"", words.get("[0]").getValue());
            Map<String, Variable> owned = children(client, locals.get("owned"));
            assertEquals("77", owned.get("*owned").getValue());
            Map<String, Variable> alt = children(client, locals.get("alt"));
            assertEquals("\"second\"", alt.get("[value]").getValue());
        }
    }

    @Test
    void classesShowBasesDynamicTypesReferencesAndThis() throws Exception {
        try (DapTestClient client = stoppedAt("-O0", "/* STL_STOP")) {
            Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
            Map<String, Variable> circle = children(client, locals.get("circle"));
            assertEquals("2", circle.get("radius").getValue());
            assertEquals("1", children(client, circle.get("[Shape]")).get("id").getValue());
            // a Shape * pointing to a Circle shows the Circle (from its vtable)
            Variable pointee = children(client, locals.get("shape")).get("*shape");
            assertTrue(pointee.getType().matches("(struct |class )?Circle"), pointee.getType());
            assertEquals("2", children(client, pointee).get("radius").getValue());
            // a Shape & to a Square is the Square
            Variable ref = locals.get("shape_ref");
            assertTrue(ref.getType().matches("(struct |class )?Shape &"), ref.getType());
            assertEquals("3", children(client, ref).get("side").getValue());
        }
        try (DapTestClient client = stoppedAt("-O0", "/* SHAPE_STOP")) {
            Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
            assertEquals("this", locals.keySet().iterator().next(), () -> "Locals: " + locals.keySet());
            assertFalse(client.scope(client.stackTrace()[0].getId(), "Arguments").containsKey("this"));
            Map<String, Variable> self = children(client, locals.get("this"));
            Variable object = self.values().iterator().next();
            Map<String, Variable> members = children(client, object);
            assertEquals("2", members.get("radius").getValue());
            assertEquals("1", children(client, members.get("[Shape]")).get("id").getValue());
            assertEquals("12", locals.get("a").getValue()); // 3 * 2 * 2, computed before the stop
        }
    }

    @Test
    void damagedContainersAreShownAsSuchNeverGuessed() throws Exception {
        try (DapTestClient client = stoppedAt("-O0", "/* STL_STOP")) {
            Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
            Variable vector = children(client, locals.get("bogus_vector")).get("*bogus_vector");
            assertTrue(vector.getValue().startsWith("<invalid std::vector: "), vector.getValue());
            Variable map = children(client, locals.get("bogus_map")).get("*bogus_map");
            assertEquals("<invalid std::map: size 5, element 0: node at 0x10 unreadable>", map.getValue());
            assertTrue(children(client, map).containsKey("[raw]"));
            Variable cycle = children(client, locals.get("bogus_forward")).get("*bogus_forward");
            assertEquals("<invalid std::forward_list: more than 100000 nodes (a cycle?)>", cycle.getValue());
        }
    }

    private DapTestClient stoppedAt(String optimization, String marker) throws Exception {
        Path program = Debuggee.compile(PROGRAM, tmp, optimization);
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source(PROGRAM).toString(), Debuggee.line(PROGRAM, marker));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        return client;
    }

    /** The program's own "truth NAME: DISPLAY" lines, printed before the stop. */
    private static Map<String, String> truth(DapTestClient client) throws Exception {
        client.awaitStdout("truth answer_ref: ");
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = TRUTH.matcher(stdoutLine(client, "truth answer_ref: "));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static String stdoutLine(DapTestClient client, String text) throws Exception {
        client.awaitStdout(text);
        return client.stdout();
    }

    private static Variable[] page(DapTestClient client, Variable v, VariablesArgumentsFilter filter, int start, int count)
            throws Exception {
        VariablesArguments args = new VariablesArguments();
        args.setVariablesReference(v.getVariablesReference());
        args.setFilter(filter);
        if (count > 0) {
            args.setStart(start);
            args.setCount(count);
        }
        return DapTestClient.call(client.server().variables(args)).getVariables();
    }

    private static Map<String, Variable> children(DapTestClient client, Variable v) throws Exception {
        assertTrue(v != null && v.getVariablesReference() > 0, () -> v + " does not expand");
        Map<String, Variable> out = new LinkedHashMap<>();
        for (Variable c : client.variables(v.getVariablesReference())) {
            out.put(c.getName(), c);
        }
        return out;
    }
}
