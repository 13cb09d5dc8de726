/*
 * WatchScope: the frame a watched local lives in, so that its watch ends with the frame (gdb's
 * "the program has left the block in which its expression is valid"). The frame is named by its
 * CFA (the caller's stack pointer before the call, constant while the frame lives) and the return
 * address in its caller: the frame has returned when the replay arrives at the return address
 * with the stack pointer at or above the CFA (a deeper, recursive call returning there has it below).
 */
package dev.rewind.core.timeline;

import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Watch;
import java.util.Objects;

/**
 * @param watch         the watched bytes (a local of the frame)
 * @param cfa           the frame's canonical frame address
 * @param returnAddress where the frame returns to in its caller
 * @param function      the frame's function (for messages)
 */
public record WatchScope(Watch watch, RemoteAddress cfa, RemoteAddress returnAddress, String function) {
    public WatchScope {
        Objects.requireNonNull(watch, "watch");
        Objects.requireNonNull(cfa, "cfa");
        Objects.requireNonNull(returnAddress, "returnAddress");
        Objects.requireNonNull(function, "function");
    }

    /** True when a stop at {@code pc} with stack pointer {@code sp} is this frame's return. */
    public boolean leftAt(RemoteAddress pc, RemoteAddress sp) {
        return pc.equals(returnAddress) && Long.compareUnsigned(sp.value(), cfa.value()) >= 0;
    }
}
