/*
 * RequestHandler: the server's answer to one DAP request. Handlers are listed in Handlers.ALL;
 * the capabilities the server announces are exactly those the registered handlers declare.
 * handle() runs on the engine thread, one request at a time, in arrival order (immediate handlers
 * excepted).
 */
package dev.rewind.dap;

import org.eclipse.lsp4j.debug.Capabilities;

public interface RequestHandler<A, R> {
    /** The DAP command this handler answers, e.g. "stackTrace". */
    String command();

    /** The response body; for requests that resume, ctx.afterResponse queues the running. */
    R handle(A arguments, DebugContext ctx) throws DapException;

    /** Turns on the capabilities this handler implements. */
    default void declare(Capabilities capabilities) {
    }

    /**
     * True when this request is answered at once on the thread that reads requests, not queued
     * behind a running replay (pause). Its handle() must be quick and thread-safe.
     */
    default boolean immediate() {
        return false;
    }

    /** True when this request must stop a running replay before it is queued (disconnect). */
    default boolean interruptsEngine() {
        return false;
    }
}
