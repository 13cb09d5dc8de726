/*
 * Segment: a stretch of a recording that replays on its own (DESIGN.md, "Segments"): from the
 * snapshot at `start` (or the recording's beginning when there is none) up to the boundary of
 * event `end` (exclusive; Long.MAX_VALUE: to the recording's end).
 */
package dev.rewind.core.segments;

import java.util.OptionalLong;

public record Segment(int index, OptionalLong snapshot, long end) {
    public Segment {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
    }
}
