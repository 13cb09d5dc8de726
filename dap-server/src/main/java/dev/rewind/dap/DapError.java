/*
 * DapError: every error the server answers with, numbered once here (the numbers appear in error
 * responses as `body.error.id`, so clients and tests can tell them apart).
 */
package dev.rewind.dap;

public enum DapError {
    /** A request this server does not implement (it is not advertised either). */
    UNSUPPORTED_REQUEST(1001),
    /** A request that needs a launched program came before launch. */
    NOT_LAUNCHED(1002),
    /** Arguments missing, of the wrong type, or out of range. */
    BAD_ARGUMENTS(1003),
    /** launch came twice. */
    ALREADY_LAUNCHED(1004),
    /** The program to record cannot be run. */
    PROGRAM_NOT_FOUND(1005),
    /** The trace cannot be read or opened. */
    TRACE_UNREADABLE(1006),
    /** The agent failed (lost, diverged, internal error). */
    AGENT_FAILED(1007),
    /** A frame, variable reference or symbol that does not exist (any more). */
    NOT_FOUND(1008),
    /** The replay is running or has ended, and the request needs it stopped where it can go on. */
    NOT_STOPPED(1009),
    /** An expression that cannot be parsed or evaluated here (evaluate). */
    EVALUATION_FAILED(1010),
    /** A bug in the server itself. */
    INTERNAL(1099);

    public final int id;

    DapError(int id) {
        this.id = id;
    }
}
