/*
 * Watch: a data breakpoint as the agent keeps it: `length` bytes at `address` whose change stops
 * the replay (STOPPED reason WATCH). The agent watches by write-protecting their pages.
 */
package dev.rewind.core.session;

import dev.rewind.core.model.RemoteAddress;
import java.util.Objects;

public record Watch(RemoteAddress address, int length) {
    /** The most bytes one data breakpoint watches (SET_WATCHES). */
    public static final int MAX_LENGTH = 4096;
    /** The most data breakpoints at once. */
    public static final int MAX_COUNT = 32;

    public Watch {
        Objects.requireNonNull(address, "address");
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("a watch covers 1 to " + MAX_LENGTH + " bytes, not " + length);
        }
    }

    /** True when {@code a} lies in the watched bytes. */
    public boolean covers(RemoteAddress a) {
        return Long.compareUnsigned(a.value() - address.value(), length) < 0;
    }
}
