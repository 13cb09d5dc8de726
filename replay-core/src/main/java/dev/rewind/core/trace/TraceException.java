/*
 * TraceException: a trace cannot be read (missing, not a trace, newer format, corrupted).
 * The message is one line meant for the user, e.g. "trace header is corrupted".
 */
package dev.rewind.core.trace;

public final class TraceException extends Exception {
    public TraceException(String message) {
        super(message);
    }

    public TraceException(String message, Throwable cause) {
        super(message, cause);
    }
}
