/*
 * StopEvent: the recording stopped on something Rewind does not support (the program was killed
 * right after); replay reproduces everything before it and then reports the reason.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import java.util.Objects;

public record StopEvent(EventIndex index, String reason) implements TraceEvent {
    public StopEvent {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(reason, "reason");
    }
}
