/*
 * ThreadEvent (format 4): the events that follow belong to thread {@code tid}, as the recorded
 * program saw its tid, until the next ThreadEvent. Events before the first one are the main
 * thread's; a recording with threads names its main thread before the first thread starts.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import java.util.Objects;

public record ThreadEvent(EventIndex index, int tid) implements TraceEvent {
    public ThreadEvent {
        Objects.requireNonNull(index, "index");
    }
}
