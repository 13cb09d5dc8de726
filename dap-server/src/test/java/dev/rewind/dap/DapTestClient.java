/*
 * DapTestClient: a recording DAP client for the tests: it talks to a real server (in this JVM over
 * pipes, or a `rewind dap` process over its stdio) through lsp4j's client launcher, keeps every
 * event in order, and offers the request sequences an editor sends. Every wait has a timeout.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.InvalidatedEventArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

final class DapTestClient implements IDebugProtocolClient, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("rewind.test.timeout", 60));

    /** One event as received: its DAP name and arguments. */
    record Event(String name, Object body) {
    }

    private final List<Event> events = new ArrayList<>();
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final StringBuilder console = new StringBuilder();
    private int cursor;
    private RewindServerApi server;
    private AutoCloseable onClose;

    /** Connects to a server reading {@code toServer}'s other end and writing {@code fromServer}'s. */
    static DapTestClient connect(InputStream fromServer, OutputStream toServer, AutoCloseable onClose) {
        DapTestClient client = new DapTestClient();
        Launcher<RewindServerApi> launcher = new org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher.Builder<RewindServerApi>()
                .setLocalService(client).setRemoteInterface(RewindServerApi.class).setInput(fromServer)
                .setOutput(toServer).create();
        client.server = launcher.getRemoteProxy();
        client.onClose = onClose;
        launcher.startListening();
        return client;
    }

    /** The server with Rewind's own requests. */
    /** The in-process server this client talks to (InProcessDap), or null. */
    private volatile DapServer attached;

    void attach(DapServer server) {
        this.attached = server;
    }

    /** Wire requests the server's session has sent its rewind-agent so far (an in-process server only). */
    long agentRequests() {
        if (attached == null) {
            throw new IllegalStateException("not an in-process server");
        }
        return attached.context().currentSession().orElseThrow().requestsSent();
    }

    RewindServerApi rewind() {
        return server;
    }

    IDebugProtocolServer server() {
        return server;
    }

    // ---- events ----

    private synchronized void record(String name, Object body) {
        events.add(new Event(name, body));
        notifyAll();
    }

    @Override
    public void initialized() {
        record("initialized", null);
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        record("stopped", args);
    }

    @Override
    public void thread(org.eclipse.lsp4j.debug.ThreadEventArguments args) {
        record("thread", args);
    }

    @Override
    public void exited(ExitedEventArguments args) {
        record("exited", args);
    }

    @Override
    public void terminated(TerminatedEventArguments args) {
        record("terminated", args);
    }

    @Override
    public void invalidated(InvalidatedEventArguments args) {
        record("invalidated", args);
    }

    @Override
    public void output(OutputEventArguments args) {
        synchronized (this) {
            StringBuilder sb = switch (String.valueOf(args.getCategory())) {
                case "stdout" -> stdout;
                case "stderr" -> stderr;
                default -> console;
            };
            sb.append(args.getOutput());
        }
        record("output", args);
    }

    /** The next event named {@code name} after the last one awaited (others in between are passed). */
    synchronized <T> T await(String name, Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            for (; cursor < events.size(); cursor++) {
                Event e = events.get(cursor);
                if (e.name().equals(name)) {
                    cursor++;
                    return type.cast(e.body());
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                fail("no '" + name + "' event within " + TIMEOUT + "; events: " + names() + "\nconsole: " + console);
            }
            wait(left);
        }
    }

    StoppedEventArguments awaitStopped() throws InterruptedException {
        return await("stopped", StoppedEventArguments.class);
    }

    /** Every event named {@code name} received so far, in order. */
    synchronized <T> List<T> all(String name, Class<T> type) {
        return events.stream().filter(e -> e.name().equals(name)).map(e -> type.cast(e.body())).toList();
    }

    /** The names of the events received so far, output left out. */
    synchronized List<String> names() {
        return events.stream().map(Event::name).filter(n -> !n.equals("output")).toList();
    }

    synchronized String stdout() {
        return stdout.toString();
    }

    synchronized String stderr() {
        return stderr.toString();
    }

    synchronized String console() {
        return console.toString();
    }

    /** Waits until the program's stdout contains {@code text}. */
    synchronized void awaitStdout(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!stdout.toString().contains(text)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                fail("stdout never showed '" + text + "': " + stdout);
            }
            wait(left);
        }
    }

    // ---- requests ----

    static <T> T call(CompletableFuture<T> request) throws Exception {
        try {
            return request.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResponseErrorException r) {
                throw new AssertionError("request failed: " + r.getResponseError().getMessage(), r);
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("no response within " + TIMEOUT, e);
        }
    }

    /** The error a request must fail with. */
    static ResponseError error(CompletableFuture<?> request) throws Exception {
        try {
            Object result = request.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected an error response, got " + result);
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof ResponseErrorException, () -> "not an error response: " + e.getCause());
            return ((ResponseErrorException) e.getCause()).getResponseError();
        }
    }

    /** The DAP error id of an error response (body.error.id), -1 without one. */
    static int errorId(ResponseError e) {
        if (e.getData() instanceof com.google.gson.JsonObject body && body.has("error")) {
            return body.getAsJsonObject("error").get("id").getAsInt();
        }
        if (e.getData() instanceof Map<?, ?> body && body.get("error") instanceof Map<?, ?> error
                && error.get("id") instanceof Number id) {
            return id.intValue();
        }
        return -1;
    }

    Capabilities initialize() throws Exception {
        InitializeRequestArguments args = new InitializeRequestArguments();
        args.setAdapterID("rewind");
        args.setClientID("rewind-tests");
        args.setLinesStartAt1(true);
        args.setColumnsStartAt1(true);
        return call(server.initialize(args));
    }

    /** initialize, launch {@code arguments}, and wait for `initialized`. */
    void launch(Map<String, Object> arguments) throws Exception {
        initialize();
        call(server.launch(arguments));
        await("initialized", Object.class);
    }

    /** Records and opens {@code program} (stopOnEntry as asked). */
    void launchProgram(Path program, boolean stopOnEntry) throws Exception {
        Map<String, Object> args = new HashMap<>();
        args.put("program", program.toString());
        args.put("stopOnEntry", stopOnEntry);
        launch(args);
    }

    void configurationDone() throws Exception {
        call(server.configurationDone(new ConfigurationDoneArguments()));
    }

    Breakpoint[] setBreakpoints(String path, int... lines) throws Exception {
        SetBreakpointsArguments args = new SetBreakpointsArguments();
        Source source = new Source();
        source.setPath(path);
        args.setSource(source);
        SourceBreakpoint[] bps = new SourceBreakpoint[lines.length];
        for (int i = 0; i < lines.length; i++) {
            bps[i] = new SourceBreakpoint();
            bps[i].setLine(lines[i]);
        }
        args.setBreakpoints(bps);
        return call(server.setBreakpoints(args)).getBreakpoints();
    }

    /** Breakpoints with options (see {@link #breakpoint}) in the file at {@code path}. */
    Breakpoint[] setSourceBreakpoints(String path, SourceBreakpoint... bps) throws Exception {
        SetBreakpointsArguments args = new SetBreakpointsArguments();
        Source source = new Source();
        source.setPath(path);
        args.setSource(source);
        args.setBreakpoints(bps);
        return call(server.setBreakpoints(args)).getBreakpoints();
    }

    /** A source breakpoint at {@code line}; null options are left out. */
    static SourceBreakpoint breakpoint(int line, String condition, String hitCondition, String logMessage) {
        SourceBreakpoint b = new SourceBreakpoint();
        b.setLine(line);
        b.setCondition(condition);
        b.setHitCondition(hitCondition);
        b.setLogMessage(logMessage);
        return b;
    }

    EvaluateResponse evaluate(String expression, int frameId, String context) throws Exception {
        return call(server.evaluate(evaluateArgs(expression, frameId, context)));
    }

    /** The message of the error response evaluating {@code expression} must get. */
    String evaluateError(String expression, int frameId, String context) throws Exception {
        return error(server.evaluate(evaluateArgs(expression, frameId, context))).getMessage();
    }

    private static EvaluateArguments evaluateArgs(String expression, int frameId, String context) {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression(expression);
        a.setFrameId(frameId);
        a.setContext(context);
        return a;
    }

    StoppedEventArguments continueToStop() throws Exception {
        ContinueArguments args = new ContinueArguments();
        args.setThreadId(1);
        call(server.continue_(args));
        return awaitStopped();
    }

    StackFrame[] stackTrace() throws Exception {
        StackTraceArguments args = new StackTraceArguments();
        args.setThreadId(1);
        return call(server.stackTrace(args)).getStackFrames();
    }

    Scope[] scopes(int frameId) throws Exception {
        ScopesArguments args = new ScopesArguments();
        args.setFrameId(frameId);
        return call(server.scopes(args)).getScopes();
    }

    Variable[] variables(int reference) throws Exception {
        VariablesArguments args = new VariablesArguments();
        args.setVariablesReference(reference);
        return call(server.variables(args)).getVariables();
    }

    /** The variables of the scope named {@code scopeName} of frame {@code frameId}, by name. */
    Map<String, Variable> scope(int frameId, String scopeName) throws Exception {
        for (Scope s : scopes(frameId)) {
            if (s.getName().equals(scopeName)) {
                Map<String, Variable> out = new LinkedHashMap<>();
                for (Variable v : variables(s.getVariablesReference())) {
                    out.put(v.getName(), v);
                }
                return out;
            }
        }
        throw new AssertionError("no scope " + scopeName);
    }

    /** The value of local variable or parameter {@code name} in the innermost frame. */
    String local(String name) throws Exception {
        int frame = stackTrace()[0].getId();
        Variable v = scope(frame, "Locals").get(name);
        if (v == null) {
            v = scope(frame, "Arguments").get(name);
        }
        assertTrue(v != null, () -> "no local " + name);
        return v.getValue();
    }

    /** The top frame's line. */
    int line() throws Exception {
        return stackTrace()[0].getLine();
    }

    void assertStopped(StoppedEventArguments stop, String reason) {
        assertEquals(reason, stop.getReason(), () -> "stopped " + stop.getReason() + " (" + stop.getDescription() + ": "
                + stop.getText() + ")\nconsole: " + console());
    }

    @Override
    public void close() throws Exception {
        try {
            call(server.disconnect(new DisconnectArguments()));
        } finally {
            if (onClose != null) {
                onClose.close();
            }
        }
    }
}
