/*
 * TraceSummary: what a whole read of a trace found: its header, how many events, how it ended.
 */
package dev.rewind.core.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * @param eventCount events in the log
 * @param lastEvent  the last event, if any
 * @param cutShort   the log ended in a block truncated by the end of the file
 * @param threads    threads the recording holds (1 without THREAD events: every trace before format 4)
 */
public record TraceSummary(TraceHeader header, long eventCount, Optional<TraceEvent> lastEvent, boolean cutShort,
                           int threads) {
    public TraceSummary {
        if (threads < 1) {
            throw new IllegalArgumentException("a recording has at least one thread");
        }
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(lastEvent, "lastEvent");
        if (eventCount < 0) {
            throw new IllegalArgumentException("event count must be >= 0");
        }
        if (eventCount == 0 && lastEvent.isPresent()) {
            throw new IllegalArgumentException("an empty log has no last event");
        }
    }

    /**
     * Why the debugger (a DAP session) refuses this recording, if it does: the debug session does
     * not follow several threads yet, and a wrong thread's state must never be shown. `rewind
     * replay` replays every recording, and `rewind index` snapshots every thread.
     */
    public Optional<String> debugRefusal() {
        if (threads == 1) {
            return Optional.empty();
        }
        return Optional.of("this recording has " + threads + " threads; debugging multithreaded recordings is "
                + "not supported yet (`rewind replay` replays it)");
    }

    /** The recording reached its end (EXIT or STOP). */
    public boolean complete() {
        return lastEvent.map(TraceEvent::endsRecording).orElse(false);
    }
}
