/*
 * RequestDispatcher: runs each DAP request's handler on the one engine thread, in arrival order.
 *
 * Ordering guarantee: a handler runs only after lsp4j has attached its response callbacks (the
 * incoming-message gate calls release() once a message is consumed), so completing the response
 * future writes the response at once, on the engine thread, before any event the request's
 * follow-up work (running the replay) sends. Responses therefore always precede their events.
 */
package dev.rewind.dap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

public final class RequestDispatcher {
    private static final Logger LOG = Logger.getLogger(RequestDispatcher.class.getName());

    /** Requests that would change the replayed process: never registered, refused with a reason. */
    private static final Set<String> WRITES = Set.of("setVariable", "setExpression", "writeMemory");

    private final Map<String, RequestHandler<?, ?>> handlers = new LinkedHashMap<>();
    private final DebugContext ctx;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final ExecutorService engine = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rewind-dap-engine");
        t.setDaemon(true);
        return t;
    });

    public RequestDispatcher(List<RequestHandler<?, ?>> registered, DebugContext ctx) {
        this.ctx = ctx;
        for (RequestHandler<?, ?> h : registered) {
            if (handlers.put(h.command(), h) != null) {
                throw new IllegalArgumentException("two handlers for " + h.command());
            }
        }
    }

    /** The capabilities the registered handlers declare, and nothing else. */
    public Capabilities capabilities() {
        Capabilities c = new Capabilities();
        handlers.values().forEach(h -> h.declare(c));
        return c;
    }

    public boolean handles(String command) {
        return handlers.containsKey(command);
    }

    /** Queues {@code command}; it runs once release() is called for the message that carried it. */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> dispatch(String command, Object arguments) {
        CompletableFuture<R> response = new CompletableFuture<>();
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) handlers.get(command);
        if (handler == null) {
            String why = WRITES.contains(command)
                    ? "'" + command + "' is refused: a replay shows the recorded past, which cannot be changed"
                    : "the request '" + command + "' is not supported by rewind";
            response.completeExceptionally(error(DapError.UNSUPPORTED_REQUEST, why));
            return response;
        }
        if (handler.interruptsEngine()) {
            ctx.interrupt();
        }
        if (handler.immediate()) {
            run(handler, arguments, (CompletableFuture<Object>) response);
            return response;
        }
        pending.add(() -> run(handler, arguments, (CompletableFuture<Object>) response));
        return response;
    }

    /** Hands the queued requests to the engine thread (called after lsp4j consumed a message). */
    public void release() {
        Runnable job;
        while ((job = pending.poll()) != null) {
            engine.execute(job);
        }
    }

    /** Stops taking requests and waits (a bounded time) for the one running to end. */
    public void shutdown() {
        engine.shutdown();
        try {
            if (!engine.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("the engine thread was still busy 10 s after the session closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(RequestHandler<Object, Object> handler, Object arguments, CompletableFuture<Object> response) {
        try {
            response.complete(handler.handle(arguments, ctx));
        } catch (DapException e) {
            ctx.clearFollowUps();
            response.completeExceptionally(error(e.error(), e.getMessage()));
        } catch (Throwable e) {
            // Whatever a handler throws (StackOverflowError, OutOfMemoryError, a checked exception
            // thrown sneakily), the request is answered and the engine thread lives on.
            ctx.clearFollowUps();
            LOG.log(Level.SEVERE, "request " + handler.command() + " failed", e);
            response.completeExceptionally(error(DapError.INTERNAL,
                    internalError("handling " + handler.command(), e)));
        }
        ctx.runFollowUps();
    }

    /** One line for an error that is rewind's fault: what it was doing, the exception's kind and message. */
    static String internalError(String doing, Throwable e) {
        String kind = e instanceof StackOverflowError ? "it ran out of stack"
                : e instanceof OutOfMemoryError ? "it ran out of memory" : e.getClass().getSimpleName();
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return "internal error in rewind while " + doing + " (" + kind + message + ")";
    }

    /** An error response: DAP's message, and body.error = {id, format, showUser} (a DAP Message). */
    static ResponseErrorException error(DapError error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", error.id);
        body.put("format", message);
        body.put("showUser", Boolean.TRUE);
        return new ResponseErrorException(new ResponseError(error.id, message, Map.of("error", body)));
    }
}
