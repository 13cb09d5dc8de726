/*
 * RunResult: how a recording or a replay ended (the agent's FINISHED message, with the pid its
 * STARTED message gave).
 */
package dev.rewind.core.agent;

import dev.rewind.core.model.WaitStatus;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * @param pid        the recorded or replayed process, when the agent said STARTED
 * @param status     the program's wait status (recorded, for a replay)
 * @param eventCount events recorded or replayed
 * @param complete   the recording has its end (EXIT or STOP); for a replay: the end was reached
 * @param message    empty, or why the recording stopped / where a cut-short replay ended
 */
public record RunResult(OptionalInt pid, WaitStatus status, long eventCount, boolean complete, String message) {
    public RunResult {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(status, "status");
        if (eventCount < 0) {
            throw new IllegalArgumentException("event count must be >= 0");
        }
        Objects.requireNonNull(message, "message");
    }

    static RunResult of(OptionalInt pid, WireMessage.Finished f) {
        return new RunResult(pid, f.waitStatus(), f.eventCount(), f.complete(), f.message());
    }
}
