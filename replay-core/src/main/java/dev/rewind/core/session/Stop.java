/*
 * Stop: where and why a replay session stopped (the agent's STOPPED message, or the end of a step
 * the Stepper computed). Fields other than reason, event and pc are meaningful only for their reason.
 */
package dev.rewind.core.session;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.model.WaitStatus;
import java.util.Objects;

/**
 * @param event      the index of the next recorded event the replay will reach
 * @param breakpoint the breakpoint address (BREAKPOINT), the start of the watched range that changed
 *                   (WATCH), else 0
 * @param signo      the signal about to be delivered (SIGNAL), else 0
 * @param waitStatus how the program ended (EXITED), else 0
 * @param errorCode  the wire ERROR code (ERROR), else 0
 * @param message    why (END, ERROR), or a note from the Stepper; may be empty
 * @param hits       BREAKPOINT: how many times this breakpoint was hit since event {@code event - 1}
 *                   was replayed, this hit included; with event and pc, the stop's position
 */
public record Stop(StopReason reason, EventIndex event, RemoteAddress pc, RemoteAddress breakpoint, int signo,
                   WaitStatus waitStatus, int errorCode, String message, int hits) {
    public Stop {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(pc, "pc");
        Objects.requireNonNull(breakpoint, "breakpoint");
        Objects.requireNonNull(waitStatus, "waitStatus");
        Objects.requireNonNull(message, "message");
        if (signo < 0) {
            throw new IllegalArgumentException("signal number must be >= 0, got " + signo);
        }
        if (errorCode < 0) {
            throw new IllegalArgumentException("error code must be >= 0, got " + errorCode);
        }
        if (hits < 0) {
            throw new IllegalArgumentException("hit count must be >= 0, got " + hits);
        }
    }

    /** A stop that is not at a breakpoint's counted hit. */
    public Stop(StopReason reason, EventIndex event, RemoteAddress pc, RemoteAddress breakpoint, int signo,
                WaitStatus waitStatus, int errorCode, String message) {
        this(reason, event, pc, breakpoint, signo, waitStatus, errorCode, message, 0);
    }

    /**
     * The same place reported with another reason and message (a step that ended here, say); the
     * breakpoint field is kept only for BREAKPOINT, where it becomes the pc.
     */
    public Stop as(StopReason newReason, String newMessage) {
        RemoteAddress bp = newReason == StopReason.BREAKPOINT ? pc : RemoteAddress.NULL;
        return new Stop(newReason, event, pc, bp, signo, waitStatus, errorCode, newMessage, hits);
    }

    /**
     * The same place reported as a data breakpoint's stop (a travel that ended at a change found
     * going backwards): {@code watched} is the start of the watched range that changed.
     */
    public Stop asWatchStop(RemoteAddress watched) {
        Objects.requireNonNull(watched, "watched");
        return new Stop(StopReason.WATCH, event, pc, watched, signo, waitStatus, errorCode, "", hits);
    }

    /** True when the replay cannot run further forwards from here. */
    public boolean isFinal() {
        return reason == StopReason.END || reason == StopReason.ERROR;
    }
}
