/*
 * RequestsBeforeLaunchTest: bad input never kills the server: requests before launch, malformed
 * launch arguments, a missing program, an unreadable trace each get an error response with a
 * clear message, and the server answers the next request as usual.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestsBeforeLaunchTest {
    @TempDir
    Path tmp;

    @Test
    void requestsBeforeLaunchGetErrors() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            client.initialize();
            StackTraceArguments st = new StackTraceArguments();
            st.setThreadId(1);
            assertLaunchFirst(DapTestClient.error(client.server().stackTrace(st)));
            SetBreakpointsArguments sb = new SetBreakpointsArguments();
            Source src = new Source();
            src.setPath("/tmp/loop.c");
            sb.setSource(src);
            SourceBreakpoint bp = new SourceBreakpoint();
            bp.setLine(3);
            sb.setBreakpoints(new SourceBreakpoint[] {bp});
            assertLaunchFirst(DapTestClient.error(client.server().setBreakpoints(sb)));
            ContinueArguments c = new ContinueArguments();
            c.setThreadId(1);
            assertLaunchFirst(DapTestClient.error(client.server().continue_(c)));
            assertLaunchFirst(DapTestClient.error(client.server().threads()));
            // still alive
            assertEquals(Boolean.TRUE, client.initialize().getSupportsConfigurationDoneRequest());
        }
    }

    @Test
    void malformedLaunchArgumentsAreRefused() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            client.initialize();
            assertMessage(client, Map.of(), "needs \"program\"");
            assertMessage(client, Map.of("program", "/bin/true", "trace", "/tmp"), "not both");
            assertMessage(client, Map.of("program", 42), "\"program\" must be a non-empty string");
            assertMessage(client, Map.of("program", "/bin/true", "args", "notalist"), "\"args\" must be an array");
            assertMessage(client, Map.of("program", "/bin/true", "args", List.of(1, 2)), "\"args\" must be an array of strings");
            assertMessage(client, Map.of("program", "/bin/true", "env", List.of("A=1")), "\"env\" must be an object");
            assertMessage(client, Map.of("program", "/bin/true", "stopOnEntry", "yes"), "\"stopOnEntry\" must be true or false");
        }
    }

    @Test
    void missingProgramAndUnreadableTraceAreRefused() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            client.initialize();
            assertMessage(client, Map.of("program", tmp.resolve("no-such-program").toString()), "no such file");
            assertMessage(client, Map.of("trace", tmp.resolve("no-such-trace").toString()), "no such folder");
            Path notATrace = Files.createDirectory(tmp.resolve("empty"));
            ResponseError e = DapTestClient.error(client.server().launch(Map.of("trace", notATrace.toString())));
            assertTrue(e.getMessage().startsWith("cannot open the recording"), e.getMessage());
            assertEquals(Boolean.TRUE, client.initialize().getSupportsConfigurationDoneRequest());
        }
    }

    private static void assertMessage(DapTestClient client, Map<String, Object> args, String expected) throws Exception {
        ResponseError e = DapTestClient.error(client.server().launch(args));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should say " + expected);
    }

    private static void assertLaunchFirst(ResponseError e) {
        assertTrue(e.getMessage().contains("send 'launch' first"), e.getMessage());
        assertEquals(DapError.NOT_LAUNCHED.id, DapTestClient.errorId(e), () -> "error data " + e.getData());
    }
}
