/*
 * RdtscEvent: a trapped time-stamp-counter read (rdtsc or rdtscp) and the value the program got.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import java.util.Objects;

/**
 * @param rdtscp true for rdtscp
 * @param tsc    the counter value, unsigned
 * @param aux    TSC_AUX (rcx) for rdtscp, 0 otherwise
 */
public record RdtscEvent(EventIndex index, boolean rdtscp, long tsc, int aux) implements TraceEvent {
    public RdtscEvent {
        Objects.requireNonNull(index, "index");
        if (!rdtscp && aux != 0) {
            throw new IllegalArgumentException("rdtsc has no aux value, got " + aux);
        }
    }
}
