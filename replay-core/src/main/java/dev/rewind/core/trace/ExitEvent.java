/*
 * ExitEvent: the program ended; the last event of a complete recording.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.WaitStatus;
import java.util.Objects;

public record ExitEvent(EventIndex index, WaitStatus status) implements TraceEvent {
    public ExitEvent {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(status, "status");
    }
}
