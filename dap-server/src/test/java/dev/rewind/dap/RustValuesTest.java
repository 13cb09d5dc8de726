/*
 * RustValuesTest: Rust values in the Locals scope as rust-gdb and CodeLLDB show them, checked against
 * the values the program itself prints (native/tests/debuggee/values.rs, "truth NAME: DISPLAY"
 * lines: the forward ground truth), built by rustc at opt-level 0 and 2: String, &str, Vec, slices,
 * Option, Result, Box, Rc/Arc with counts, HashMap/HashSet, BTreeMap/BTreeSet, enums with data (niche-optimised ones
 * too), tuples, tuple structs, char, u128; Vecs paged with a "[raw]" view; frames named by their
 * Rust paths; evaluate of locals and fields. When Debian's rustc (/usr/bin/rustc, 1.63: the older
 * std layouts) is installed besides the one on PATH, the program is checked built by both.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RustValuesTest {
    private static final Pattern TRUTH = Pattern.compile("^truth (\\w+): (.*)$", Pattern.MULTILINE);
    private static final String PROGRAM = "values.rs";
    private static final String DEBIAN_RUSTC = "/usr/bin/rustc";

    @TempDir
    Path tmp;

    /** "rustc" on PATH, and Debian's when it is another one. */
    static Stream<String> compilers() {
        List<String> out = new ArrayList<>(List.of("rustc"));
        if (Files.isExecutable(Path.of(DEBIAN_RUSTC)) && !onPath("rustc").equals(Path.of(DEBIAN_RUSTC))) {
            out.add(DEBIAN_RUSTC);
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("compilers")
    void valuesAtOptLevel0AreWhatTheProgramPrints(String rustc) throws Exception {
        try (DapTestClient client = stoppedAt(rustc, "0", "/* RUST_STOP")) {
            Map<String, String> truth = truth(client);
            assertTrue(truth.size() >= 28, truth::toString);
            Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
            for (Map.Entry<String, String> t : truth.entrySet()) {
                Variable v = locals.get(t.getKey());
                assertTrue(v != null, () -> "no local " + t.getKey() + " in " + locals.keySet());
                assertEquals(t.getValue(), v.getValue(), () -> t.getKey() + " of type " + v.getType());
            }
            assertEquals("&str", locals.get("slice").getType());
            assertEquals("&i32", typeOfField(client, locals.get("maybe_ref"), "__0"));
            assertEquals("alloc::boxed::Box<i32, alloc::alloc::Global>", locals.get("boxed").getType());
            assertEquals("char", locals.get("letter").getType());
        }
    }

    @ParameterizedTest
    @MethodSource("compilers")
    void atOptLevel2EveryValueIsRightOrSaidToBeGone(String rustc) throws Exception {
        try (DapTestClient client = stoppedAt(rustc, "2", "/* RUST_STOP")) {
            Map<String, String> truth = truth(client);
            Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
            int shown = 0;
            for (Map.Entry<String, String> t : truth.entrySet()) {
                Variable v = locals.get(t.getKey());
                if (v == null || v.getValue().equals("<optimized out>") || v.getValue().equals("<unavailable>")) {
                    continue; // the compiler left no trace of it
                }
                assertEquals(t.getValue(), v.getValue(), () -> t.getKey() + " at opt-level 2");
                shown++;
            }
            int right = shown;
            assertTrue(right >= 15, () -> "only " + right + " of " + truth.size() + " shown at opt-level 2");
        }
    }

    @ParameterizedTest
    @MethodSource("compilers")
    void containersAndEnumsExpandWithARawView(String rustc) throws Exception {
        try (DapTestClient client = stoppedAt(rustc, "0", "/* RUST_STOP")) {
            truth(client);
            Map<String, Variable> locals = client.scope(client.stackTrace()[0].getId(), "Locals");
            Variable big = locals.get("big");
            assertEquals(5000, big.getIndexedVariables());
            Variable[] page = page(client, big, VariablesArgumentsFilter.INDEXED, 4998, 2);
            assertEquals("[4998]", page[0].getName());
            assertEquals(Long.toString(4998 * 3), page[0].getValue());
            assertEquals(Long.toString(4999 * 3), page[1].getValue());
            Variable[] named = page(client, big, VariablesArgumentsFilter.NAMED, 0, 0);
            assertEquals(List.of("[raw]"), List.of(named[0].getName()));
            Map<String, Variable> raw = children(client, named[0]);
            assertTrue(raw.containsKey("buf") && raw.containsKey("len"), raw::toString);

            assertEquals("42", children(client, locals.get("ages")).get("[\"bob\"]").getValue());
            assertEquals("5", children(client, locals.get("seen")).get("[0]").getValue());
            // a BTreeMap of 100 entries (an internal node and its leaves), paged in key order:
            // keys i * 37 % 101 for i < 100 are 0..100 but 64, so the last two are 99 and 100
            Variable ranks = locals.get("ranks");
            assertEquals(100, ranks.getIndexedVariables());
            Variable[] last = page(client, ranks, VariablesArgumentsFilter.INDEXED, 98, 2);
            assertEquals(List.of("[99]", "[100]"), List.of(last[0].getName(), last[1].getName()));
            assertTrue(last[1].getValue().startsWith("\"r"), last[1].getValue());
            assertEquals("'u'", children(client, locals.get("few")).get("[3]").getValue());
            Map<String, Variable> word = children(client, locals.get("word"));
            assertEquals("\"hi\"", word.get("text").getValue());
            assertEquals("true", word.get("upper").getValue());
            assertTrue(word.containsKey("[raw]"), word::toString);
            assertEquals("7", children(client, locals.get("some")).get("__0").getValue());
            Map<String, Variable> shared = children(client, locals.get("shared"));
            assertEquals("\"shared\"", shared.get("*shared").getValue());
            assertEquals("2", shared.get("[strong]").getValue());
            assertEquals("0", shared.get("[weak]").getValue());
            assertEquals("77", children(client, locals.get("boxed")).get("*boxed").getValue());
            Variable maybeBox = children(client, locals.get("maybe_box")).get("__0");
            assertEquals("9", children(client, maybeBox).get("*__0").getValue());
            assertEquals("-5", children(client, locals.get("point")).get("__1").getValue());
        }
    }

    @ParameterizedTest
    @MethodSource("compilers")
    void framesAreNamedByTheirRustPathsAndLocalsEvaluate(String rustc) throws Exception {
        try (DapTestClient client = stoppedAt(rustc, "0", "/* PARSER_STOP")) {
            StackFrame[] frames = client.stackTrace();
            assertEquals("values::parse::Parser::next", frames[0].getName());
            assertEquals("values::main", frames[1].getName());
            int frame = frames[0].getId();
            Map<String, Variable> locals = client.scope(frame, "Locals");
            assertEquals("0", locals.get("here").getValue());
            assertEquals("0", client.evaluate("here", frame, "watch").getResult());
            assertEquals("2", client.evaluate("limit", frame, "watch").getResult());
            assertEquals("1", client.evaluate("self->pos", frame, "watch").getResult());
            assertEquals("size=3 {97, 98, 99}", client.evaluate("self->input", frame, "watch").getResult());
            assertEquals("3", client.evaluate("self->input.len", frame, "watch").getResult());
            int main = frames[1].getId();
            assertEquals("\"hello, rust\"", client.evaluate("greeting", main, "watch").getResult());
            assertEquals("Some(7)", client.evaluate("some", main, "watch").getResult());
            // Rust syntax (gdb 13 in a Rust frame answers the same on this binary): '.' through references, tuple fields, paths
            assertEquals("1", client.evaluate("self.pos", frame, "watch").getResult()); // gdb: $1 = 1
            assertEquals("3", client.evaluate("self.input.len", frame, "watch").getResult());
            assertEquals("1", client.evaluate("(*self).pos", frame, "watch").getResult());
            assertEquals("1", client.evaluate("pair.0", main, "watch").getResult()); // gdb: $3 = 1
            assertEquals("-5", client.evaluate("point.1", main, "watch").getResult()); // gdb: $4 = -5
            assertEquals("-4", client.evaluate("point.0 + point.1 - 2", main, "watch").getResult());
            // a static by its path; gdb: $5 = core::sync::atomic::AtomicUsize {v: ...}
            assertTrue(client.evaluate("values::SEEN", main, "watch").getType().contains("AtomicUsize"));
            assertTrue(client.evaluateError("values::NOTHERE", main, "watch").contains("no symbol"));
            // collections through their formatters; gdb 13: "Could not find function named
            // 'alloc::vec::Vec<i32, alloc::alloc::Global>::len'", "Cannot subscript non-array type"
            assertEquals("3", client.evaluate("self.input.len()", frame, "watch").getResult());
            assertEquals("98", client.evaluate("self.input[1]", frame, "watch").getResult()); // b'b'
            assertEquals("3", client.evaluate("numbers.len()", main, "watch").getResult());
            assertEquals("30", client.evaluate("numbers[2]", main, "watch").getResult());
            assertEquals("11", client.evaluate("greeting.len()", main, "watch").getResult()); // "hello, rust"
            assertEquals("5", client.evaluate("slice.len()", main, "watch").getResult()); // "hello"
            assertEquals("20", client.evaluate("part[0]", main, "watch").getResult()); // gdb: $1 = 20
            assertEquals("2", client.evaluate("part.len()", main, "watch").getResult());
            assertEquals("2", client.evaluate("ages.len()", main, "watch").getResult());
            assertEquals("100", client.evaluate("ranks.len()", main, "watch").getResult());
            assertEquals("false", client.evaluate("numbers.is_empty()", main, "watch").getResult());
            assertTrue(client.evaluateError("numbers[3]", main, "watch")
                    .contains("index out of bounds: the len is 3 but the index is 3"));
        }
    }

    @ParameterizedTest
    @MethodSource("compilers")
    void functionBreakpointsTakeRustPaths(String rustc) throws Exception {
        Path program = compile(rustc, tmp, "0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            // gdb: break values::parse::Parser::next → Breakpoint 1 at ...: file values.rs, line 28.
            var path = new org.eclipse.lsp4j.debug.FunctionBreakpoint();
            path.setName("values::parse::Parser::next");
            var tail = new org.eclipse.lsp4j.debug.FunctionBreakpoint();
            tail.setName("parse::Parser::next");
            var wrong = new org.eclipse.lsp4j.debug.FunctionBreakpoint();
            wrong.setName("values::Parser::nothere");
            var args = new org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments();
            args.setBreakpoints(new org.eclipse.lsp4j.debug.FunctionBreakpoint[] {path, tail, wrong});
            var set = DapTestClient.call(client.server().setFunctionBreakpoints(args)).getBreakpoints();
            assertTrue(set[0].isVerified() && set[1].isVerified(), () -> java.util.Arrays.toString(set));
            assertTrue(!set[2].isVerified(), () -> java.util.Arrays.toString(set));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals("values::parse::Parser::next", client.stackTrace()[0].getName());
        }
    }

    private DapTestClient stoppedAt(String rustc, String optLevel, String marker) throws Exception {
        Path program = compile(rustc, tmp, optLevel);
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source(PROGRAM).toString(), Debuggee.line(PROGRAM, marker));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        return client;
    }

    /** Builds values.rs with {@code rustc} -g at {@code optLevel} into {@code dir}. */
    private static Path compile(String rustc, Path dir, String optLevel) throws Exception {
        Path out = dir.resolve("values-O" + optLevel);
        Process p = new ProcessBuilder(rustc, "-g", "-C", "opt-level=" + optLevel, "-A", "warnings",
                "-o", out.toString(), Debuggee.source(PROGRAM).toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(rustc + " did not finish in time");
        }
        assertEquals(0, p.exitValue(), () -> rustc + " failed:\n" + log);
        return out;
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(p)) {
                try {
                    return p.toRealPath();
                } catch (java.io.IOException e) {
                    return p;
                }
            }
        }
        return Path.of(command);
    }

    /** The program's own "truth NAME: DISPLAY" lines, printed before the stop. */
    private static Map<String, String> truth(DapTestClient client) throws Exception {
        client.awaitStdout("truth lines done");
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = TRUTH.matcher(client.stdout());
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static String typeOfField(DapTestClient client, Variable v, String field) throws Exception {
        return children(client, v).get(field).getType();
    }

    private static Variable[] page(DapTestClient client, Variable v, VariablesArgumentsFilter filter, int start,
                                   int count) throws Exception {
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
