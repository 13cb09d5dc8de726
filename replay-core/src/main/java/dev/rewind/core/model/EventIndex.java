/*
 * EventIndex: the number of one event in a recording's event log, counted from 0.
 * Replay is deterministic between two consecutive events, so event indices are the coarse clock
 * of a recording.
 */
package dev.rewind.core.model;

public record EventIndex(long value) implements Comparable<EventIndex> {
    public static final EventIndex FIRST = new EventIndex(0);

    public EventIndex {
        if (value < 0) {
            throw new IllegalArgumentException("event index must be >= 0, got " + value);
        }
    }

    public static EventIndex of(long value) {
        return new EventIndex(value);
    }

    public EventIndex next() {
        return new EventIndex(Math.addExact(value, 1));
    }

    @Override
    public int compareTo(EventIndex other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "event " + value;
    }
}
