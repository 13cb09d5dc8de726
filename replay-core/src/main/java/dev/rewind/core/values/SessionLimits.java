/*
 * SessionLimits: how much one request may read from the replayed process for a variables view.
 */
package dev.rewind.core.values;

final class SessionLimits {
    /** A page of array elements is read in one go up to this many bytes. */
    static final long MAX_PAGE_BYTES = 1 << 20;

    private SessionLimits() {
    }
}
