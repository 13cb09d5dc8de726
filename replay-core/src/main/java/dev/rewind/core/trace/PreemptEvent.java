/*
 * PreemptEvent (format 4): the recorder interrupted the current thread, which had run user code
 * for a time slice without a syscall, to let another thread run. It stopped the thread with
 * {@code signo}, which the program never received; the replay stops the thread at the same point
 * (right after its last event, or at the fingerprint in user code) before the next THREAD event.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import java.util.Objects;
import java.util.Optional;

/**
 * @param signo the signal that stopped the thread (never delivered)
 * @param point where in user code, or empty: right after the thread's last event
 */
public record PreemptEvent(EventIndex index, int signo, Optional<SignalPoint> point) implements TraceEvent {
    public PreemptEvent {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(point, "point");
    }
}
