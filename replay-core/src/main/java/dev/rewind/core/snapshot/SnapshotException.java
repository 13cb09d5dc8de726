/*
 * SnapshotException: a snapshot or the page store cannot be used: damaged, missing, of a newer
 * format, or not writable (a full disk). The message says which, for the user.
 */
package dev.rewind.core.snapshot;

public final class SnapshotException extends Exception {
    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
