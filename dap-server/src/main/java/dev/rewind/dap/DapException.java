/*
 * DapException: a request failed; the message is what the user reads in the editor.
 */
package dev.rewind.dap;

import java.util.Objects;

public final class DapException extends Exception {
    private final DapError error;

    public DapException(DapError error, String message) {
        this(error, message, null);
    }

    public DapException(DapError error, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    public DapError error() {
        return error;
    }
}
