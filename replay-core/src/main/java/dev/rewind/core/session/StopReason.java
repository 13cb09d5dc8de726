/*
 * StopReason: why a replay session stopped (STOPPED.reason of protocol/wire-protocol.md).
 */
package dev.rewind.core.session;

public enum StopReason {
    /** At the program's first instruction. */
    ENTRY(0),
    /** At a breakpoint address, before its instruction runs. */
    BREAKPOINT(1),
    /** One instruction executed (or a step of the Stepper completed). */
    STEP(2),
    /** A fault (signo) is about to be delivered; pc is the faulting instruction. */
    SIGNAL(3),
    /** The program ended (waitStatus); after exit() it stays inspectable at that call. */
    EXITED(4),
    /** No more recording: its end, a STOP event, or a cut-short log (message says which). */
    END(5),
    /** Divergence or damaged trace (errorCode, message): the session cannot go on. */
    ERROR(6),
    /** PAUSE arrived while the replay ran (or the connection closed). */
    PAUSED(7),
    /** Between two events, after RUN_TO_EVENT or RESTORE: where save points can be made. */
    AT_EVENT(8),
    /**
     * Watched bytes changed (a data breakpoint at {@code breakpoint}); pc is after the store. {@code hits}
     * counts watch stops since the event boundary: (event, hits) is the position.
     */
    WATCH(9);

    /** The number on the wire. */
    public final int wire;

    StopReason(int wire) {
        this.wire = wire;
    }

    public static StopReason ofWire(int wire) {
        for (StopReason r : values()) {
            if (r.wire == wire) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown stop reason " + wire);
    }
}
