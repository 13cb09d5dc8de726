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
     * Why `rewind index` refuses this recording, if it does: snapshots of a multithreaded replay
     * are not taken yet (a DAP session debugs it; `rewind replay` replays it).
     */
    public Optional<String> debugRefusal() {
        if (threads == 1) {
            return Optional.empty();
        }
        return Optional.of("this recording has " + threads + " threads; indexing multithreaded recordings is "
                + "not supported yet (a debugging session and `rewind replay` take it without an index)");
    }

    /** The recording reached its end (EXIT or STOP). */
    public boolean complete() {
        return lastEvent.map(TraceEvent::endsRecording).orElse(false);
    }
}
