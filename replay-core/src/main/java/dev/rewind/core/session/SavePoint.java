/*
 * SavePoint: a stopped fork of the replayed process that the agent keeps (SAVE), from which the
 * replay can continue again as often as wanted (RESTORE). The Timeline places and evicts them.
 */
package dev.rewind.core.session;

import dev.rewind.core.model.EventIndex;
import java.util.Objects;

/**
 * @param id          the agent's id for it (from 1)
 * @param event       the next event to replay at the save point
 * @param memoryBytes memory only this save point holds, as last reported
 */
public record SavePoint(int id, EventIndex event, long memoryBytes) {
    public SavePoint {
        if (id <= 0) {
            throw new IllegalArgumentException("save point ids start at 1, got " + id);
        }
        Objects.requireNonNull(event, "event");
        if (memoryBytes < 0) {
            throw new IllegalArgumentException("memory must be >= 0, got " + memoryBytes);
        }
    }
}
