/*
 * MalformedFramesTest: one bad frame no longer silences the server. A Content-Length a few bytes
 * too long or too short, a body that is not JSON or not a DAP message, arguments of the wrong
 * type: each is answered or reported, and the next request is answered. A Content-Length that is
 * missing, negative, not a number, or 10^12, and a header line without a colon, cannot be read
 * past: an "important" output event says why and the server closes the connection. Unsupported
 * requests (goto, source, ...) answer a clean error; no body ever carries a Java stack trace. An
 * unreadable frame in a launched session ends it and its agent, as a disconnect does.
 */
package dev.rewind.dap;

import static dev.rewind.dap.RawDap.concat;
import static dev.rewind.dap.RawDap.frame;
import static dev.rewind.dap.RawDap.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class MalformedFramesTest {
    private static final String THREADS = request(2, "threads", null);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A frame whose Content-Length is {@code delta} bytes off. */
    private static byte[] misframed(String body, int delta) {
        return concat(bytes("Content-Length: " + (bytes(body).length + delta) + "\r\n\r\n"), bytes(body));
    }

    /** The threads request (seq 2) after the bad bytes is answered: the server read past them. */
    private static JsonObject answeredAfter(byte[] bad) throws Exception {
        try (RawDap dap = RawDap.start()) {
            dap.send(concat(bad, frame(THREADS)));
            JsonObject threads = dap.response(2);
            assertEquals("threads", RawDap.string(threads, "command"));
            dap.messages().forEach(RawDap::assertNoJavaInside);
            return threads;
        }
    }

    /** The server says why in an "important" output event and closes the connection. */
    private static String closedBy(byte[] bad) throws Exception {
        try (RawDap dap = RawDap.start()) {
            dap.send(concat(bad, frame(THREADS)));
            dap.awaitClosed();
            assertTrue(dap.messages().stream().noneMatch(m -> RawDap.isResponse(m, 2)),
                    "nothing after an unreadable frame is answered: " + dap.messages());
            String important = dap.output("important");
            assertTrue(important.contains("cannot be read any further"), important);
            dap.messages().forEach(RawDap::assertNoJavaInside);
            return important;
        }
    }

    @Test
    void aContentLengthTooLongOrTooShortCostsOnlyThatFrame() throws Exception {
        String initialize = request(1, "initialize", Map.of("adapterID", "test"));
        for (int delta : new int[] {1, 3, 40}) {
            answeredAfter(misframed(initialize, delta));
        }
        for (int delta : new int[] {-1, -3, -20}) {
            answeredAfter(misframed(initialize, delta));
        }
        // Too long, then nothing more: the request is still answered (the frame ends with its JSON).
        try (RawDap dap = RawDap.start()) {
            dap.send(misframed(initialize, 25));
            assertEquals(Boolean.TRUE, dap.response(1).get("success").getAsBoolean());
        }
    }

    @Test
    void aTruncatedRequestIsAnsweredWithAnErrorAndTheNextOneAsUsual() throws Exception {
        try (RawDap dap = RawDap.start()) {
            String initialize = request(1, "initialize", Map.of("adapterID", "test"));
            dap.send(concat(misframed(initialize, -3), frame(THREADS)));
            JsonObject error = dap.response(1);
            assertFalse(error.get("success").getAsBoolean());
            assertTrue(RawDap.string(error, "message").contains("malformed"), error.toString());
            dap.response(2);
            assertTrue(dap.output("console").contains("belong to no DAP frame"), dap.output("console"));
        }
    }

    @Test
    void bodiesThatAreNotDapMessagesAreSkippedWithAMessage() throws Exception {
        for (String body : List.of("[1,2]", "hello", "{\"seq\":9}", "{}", "{not json}", "\"text\"", "null", "{\"seq\":1,")) {
            try (RawDap dap = RawDap.start()) {
                dap.send(concat(frame(body), frame(THREADS)));
                dap.response(2);
                dap.messages().forEach(RawDap::assertNoJavaInside);
            }
        }
    }

    @Test
    void wrongArgumentTypesAnswerCleanErrors() throws Exception {
        try (RawDap dap = RawDap.start()) {
            dap.send(frame(request(1, "stackTrace", Map.of("threadId", "abc"))));
            dap.send(frame(request(3, "stackTrace", "a string")));
            dap.send(frame(request(4, "evaluate", Map.of("expression", List.of(1), "frameId", 1e300))));
            dap.send(frame(request(5, "launch", Map.of("program", "/bin/tr\0ue"))));
            dap.send(frame(request(6, "launch", Map.of("program", "/bin/true", "args", List.of("a\0b")))));
            dap.send(frame(request(7, "launch", Map.of("program", "/bin/true", "cwd", "/tmp\0x"))));
            dap.send(frame(request(8, "launch", Map.of("trace", "/tmp/\0"))));
            dap.send(frame(request(9, "launch", Map.of("program", "/bin/true", "env", Map.of("A\0", "1")))));
            dap.send(frame(request(10, "launch", Map.of("program", "/bin/true", "env", Map.of("A", "1\0")))));
            for (int seq : new int[] {1, 3, 4}) {
                JsonObject e = dap.response(seq);
                assertTrue(RawDap.string(e, "message").contains("are malformed"), e.toString());
                assertEquals(DapError.BAD_ARGUMENTS.id, e.getAsJsonObject("body").getAsJsonObject("error").get("id").getAsInt());
            }
            assertEquals("the program path contains a NUL character", RawDap.string(dap.response(5), "message"));
            for (int seq = 6; seq <= 10; seq++) {
                JsonObject e = dap.response(seq);
                assertTrue(RawDap.string(e, "message").contains("contains a NUL character"), e.toString());
            }
            dap.messages().forEach(RawDap::assertNoJavaInside);
        }
    }

    @Test
    void framesThatCannotBeReadPastCloseTheConnectionWithAMessage() throws Exception {
        assertTrue(closedBy(bytes("Content-Length: 1000000000000\r\n\r\n{}")).contains("over the limit"));
        assertTrue(closedBy(bytes("Content-Length: -5\r\n\r\n{}")).contains("must be a number"));
        assertTrue(closedBy(bytes("Content-Length: ten\r\n\r\n{}")).contains("must be a number"));
        assertTrue(closedBy(bytes("Content-Length: 2\r\nno colon here\r\n\r\n{}")).contains("header line"));
        assertTrue(closedBy(bytes("Content-Type: application/json\r\n\r\n{}")).contains("no Content-Length"));
        assertTrue(closedBy(bytes("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}")).contains("two different"));
        assertTrue(closedBy(bytes("X".repeat(10_000) + "\r\n\r\n")).contains("longer than"));
    }

    @Test
    void anUnreadableFrameInALaunchedSessionEndsItAndItsAgent(@TempDir Path tmp) throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        try (RawDap dap = RawDap.start()) {
            dap.send(1, "initialize", Map.of("adapterID", "test"));
            dap.send(2, "launch", Map.of("program", program.toString(), "stopOnEntry", true));
            assertTrue(dap.response(2).get("success").getAsBoolean());
            dap.send(bytes("Content-Length: ten\r\n\r\n{}"));
            dap.awaitClosed();
            assertTrue(dap.output("important").contains("must be a number"), dap.output("important"));
        }
        DapFrameFuzzTest.assertNoAgentLeft();
    }

    @Test
    void everyRequestLsp4jDeclaresAnswersWithoutAStackTrace() throws Exception {
        try (RawDap dap = RawDap.start()) {
            int seq = 10;
            for (Method m : IDebugProtocolServer.class.getMethods()) {
                JsonRequest r = m.getAnnotation(JsonRequest.class);
                if (r == null || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                String command = r.value().isEmpty() ? m.getName() : r.value();
                if (command.equals("disconnect") || command.equals("launch") || command.equals("attach")) {
                    continue;
                }
                dap.send(frame(request(seq, command, Map.of())));
                JsonObject answer = dap.response(seq);
                RawDap.assertNoJavaInside(answer);
                seq++;
            }
            JsonObject goTo = dap.messages().stream().filter(m -> "goto".equals(RawDap.string(m, "command")))
                    .findFirst().orElseThrow();
            assertEquals("the request 'goto' is not supported by rewind", RawDap.string(goTo, "message"));
        }
    }

    @Test
    void theServerOverridesEveryRequestLsp4jDeclares() throws Exception {
        for (Method m : IDebugProtocolServer.class.getMethods()) {
            if (m.getAnnotation(JsonRequest.class) != null && !Modifier.isStatic(m.getModifiers())) {
                Method own = RewindDebugServer.class.getMethod(m.getName(), m.getParameterTypes());
                assertEquals(RewindDebugServer.class, own.getDeclaringClass(),
                        m.getName() + " would fall to lsp4j's default, which answers with a stack trace");
            }
        }
    }
}
