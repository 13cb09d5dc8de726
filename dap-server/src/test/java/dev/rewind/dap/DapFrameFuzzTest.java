/*
 * DapFrameFuzzTest: mutated DAP exchanges against the real server, from a fixed seed (CI) or for
 * longer: -Drewind.fuzz.iterations=N (default 1; each iteration is 40 mutated frames and 60 mutated
 * requests) and -Drewind.fuzz.seed=S.
 *
 * Frames: one request of every registered handler (Handlers.ALL), cut short, with a Content-Length
 * off by a little or a lot (10^12, negative, not a number), bytes flipped or inserted, header lines
 * broken, nested past any stack. After each bad frame comes a `threads` request, then the client
 * hangs up: the server either answers `threads` (it read past the damage) or has said in an
 * "important" output event why it cannot read on; nothing waits forever.
 * Arguments: in a session recorded from loop.c and stopped at a breakpoint, every registered
 * request with its arguments mutated (strings for numbers, nulls, huge numbers, wrong shapes,
 * no arguments): each is answered, and afterwards the session still works.
 * Always: no message carries a Java stack trace or exception name, and when the connection ends
 * no agent process is left.
 */
package dev.rewind.dap;

import static dev.rewind.dap.RawDap.concat;
import static dev.rewind.dap.RawDap.frame;
import static dev.rewind.dap.RawDap.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(1800)
class DapFrameFuzzTest {
    private static final long SEED = Long.getLong("rewind.fuzz.seed", 17);
    private static final int ITERATIONS = Integer.getInteger("rewind.fuzz.iterations", 1);
    private static final int SENTINEL = 999_999;
    /** Requests that end or replace the session: sent well-formed only, at the end. */
    private static final Set<String> LAST = Set.of("disconnect");

    @TempDir
    Path tmp;

    @Test
    void mutatedFramesAreAnsweredOrEndTheConnectionWithAMessage() throws Exception {
        Random random = new Random(SEED);
        List<String> requests = templates(new Ids(1, 1000, 1)).entrySet().stream()
                .map(e -> request(7, e.getKey(), e.getValue())).toList();
        for (int i = 0; i < 40 * ITERATIONS; i++) {
            String original = requests.get(random.nextInt(requests.size()));
            byte[] mutated = FrameMutations.mutate(random, original);
            String shown = new String(mutated, StandardCharsets.UTF_8);
            try (RawDap dap = RawDap.start()) {
                dap.send(frame(request(1, "initialize", Map.of("adapterID", "fuzz"))));
                dap.send(concat(mutated, frame(request(SENTINEL, "threads", null))));
                dap.hangUp();
                Optional<JsonObject> sentinel = dap.responseOrClose(SENTINEL);
                dap.awaitClosed();
                assertTrue(sentinel.isPresent() || dap.output("important").contains("cannot be read any further"),
                        () -> "case " + shown + ": neither answered nor explained; received " + dap.messages());
                dap.messages().forEach(RawDap::assertNoJavaInside);
            }
            assertNoAgentLeft();
        }
    }

    @Test
    void mutatedArgumentsOfEveryRequestAreAnswered() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        Random random = new Random(SEED + 1);
        try (RawDap dap = RawDap.start()) {
            Ids ids = launchAndStop(dap, program);
            Map<String, Object> templates = templates(ids);
            List<String> commands = new ArrayList<>(templates.keySet());
            commands.removeAll(LAST);
            int seq = 100;
            for (int i = 0; i < 60 * ITERATIONS; i++, seq++) {
                String command = commands.get(random.nextInt(commands.size()));
                Object arguments = ArgumentMutations.mutate(random, templates.get(command));
                dap.send(seq, command, arguments);
                JsonObject answer = dap.response(seq);
                RawDap.assertNoJavaInside(answer);
            }
            dap.send(seq, "threads", null);
            assertEquals(Boolean.TRUE, dap.response(seq).get("success").getAsBoolean(), "the session still answers");
            dap.send(seq + 1, "disconnect", Map.of());
            dap.response(seq + 1);
            dap.messages().forEach(RawDap::assertNoJavaInside);
        }
        assertNoAgentLeft();
    }

    /** The ids a stopped session gives out, for well-formed arguments. */
    record Ids(int thread, int frame, int variables) {
    }

    private static Ids launchAndStop(RawDap dap, Path program) throws Exception {
        dap.send(1, "initialize", Map.of("adapterID", "fuzz"));
        dap.response(1);
        dap.send(2, "launch", Map.of("program", program.toString()));
        assertTrue(dap.response(2).get("success").getAsBoolean(), "launch");
        dap.send(3, "setBreakpoints", Map.of("source", Map.of("path", Debuggee.source("loop.c").toString()),
                "breakpoints", List.of(Map.of("line", Debuggee.line("loop.c", "LOOP_PRINT")))));
        dap.response(3);
        dap.send(4, "configurationDone", Map.of());
        dap.response(4);
        dap.await(m -> RawDap.isEvent(m, "stopped"), "the stop at the breakpoint");
        dap.send(5, "threads", null);
        int thread = dap.response(5).getAsJsonObject("body").getAsJsonArray("threads").get(0).getAsJsonObject()
                .get("id").getAsInt();
        dap.send(6, "stackTrace", Map.of("threadId", thread));
        int frame = dap.response(6).getAsJsonObject("body").getAsJsonArray("stackFrames").get(0).getAsJsonObject()
                .get("id").getAsInt();
        dap.send(7, "scopes", Map.of("frameId", frame));
        int variables = dap.response(7).getAsJsonObject("body").getAsJsonArray("scopes").get(0).getAsJsonObject()
                .get("variablesReference").getAsInt();
        return new Ids(thread, frame, variables);
    }

    /** Well-formed arguments for every registered request (a command without arguments maps to an empty object). */
    static Map<String, Object> templates(Ids ids) throws Exception {
        String source = Debuggee.source("loop.c").toString();
        int line = Debuggee.line("loop.c", "LOOP_PRINT");
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("initialize", Map.of("adapterID", "fuzz", "linesStartAt1", true, "pathFormat", "path"));
        t.put("launch", Map.of("program", "/nonexistent/program", "stopOnEntry", true, "args", List.of("a")));
        t.put("setBreakpoints", Map.of("source", Map.of("path", source), "breakpoints",
                List.of(Map.of("line", line, "condition", "i > 0", "hitCondition", "2"))));
        t.put("setFunctionBreakpoints", Map.of("breakpoints", List.of(Map.of("name", "helper"))));
        t.put("setExceptionBreakpoints", Map.of("filters", List.of()));
        t.put("configurationDone", Map.of());
        t.put("threads", Map.of());
        t.put("stackTrace", Map.of("threadId", ids.thread(), "startFrame", 0, "levels", 20));
        t.put("scopes", Map.of("frameId", ids.frame()));
        t.put("variables", Map.of("variablesReference", ids.variables(), "start", 0, "count", 10));
        t.put("evaluate", Map.of("expression", "total + i", "frameId", ids.frame(), "context", "watch"));
        t.put("continue", Map.of("threadId", ids.thread()));
        t.put("next", Map.of("threadId", ids.thread(), "granularity", "line"));
        t.put("stepIn", Map.of("threadId", ids.thread()));
        t.put("stepOut", Map.of("threadId", ids.thread()));
        t.put("pause", Map.of("threadId", ids.thread()));
        t.put("reverseContinue", Map.of("threadId", ids.thread()));
        t.put("stepBack", Map.of("threadId", ids.thread(), "granularity", "instruction"));
        t.put("restartFrame", Map.of("frameId", ids.frame()));
        t.put("rewind/reverseStepOut", Map.of("threadId", ids.thread()));
        t.put("rewind/position", Map.of());
        t.put("rewind/processes", Map.of());
        t.put("rewind/hits", Map.of("source", Map.of("path", source), "line", line, "expression", "total",
                "limit", 10));
        t.put("dataBreakpointInfo", Map.of("variablesReference", ids.variables(), "name", "total"));
        t.put("setDataBreakpoints", Map.of("breakpoints", List.of(Map.of("dataId", "0x404040:4",
                "accessType", "write"))));
        t.put("rewind/seek", Map.of("event", 3));
        t.put("readMemory", Map.of("memoryReference", "0x401000", "offset", 0, "count", 16));
        t.put("disassemble", Map.of("memoryReference", "0x401000", "instructionCount", 4));
        t.put("disconnect", Map.of());
        List<String> missing = Handlers.ALL.stream().map(RequestHandler::command).filter(c -> !t.containsKey(c)).toList();
        assertTrue(missing.isEmpty(), "the fuzzer has no template for " + missing);
        return t;
    }

    /** No rewind-agent is left among this JVM's descendants (waiting a bounded time for them to be reaped). */
    static void assertNoAgentLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<ProcessHandle> agents = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("rewind-agent")).orElse(false)).toList();
            if (agents.isEmpty()) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "agent processes left behind: " + agents);
            Thread.sleep(100);
        }
    }

    /** For messages. */
    static String json(Object o) {
        return new Gson().toJson(o);
    }
}
