/*
 * Position: one reproducible moment of a replay (DESIGN.md, "Time"). Three kinds:
 *  - BOUNDARY: the replay stands between events, right after event `event - 1` was replayed;
 *  - PC: the hits-th time the replay arrived at pc since event `event - 1` was replayed, as the
 *    agent counts breakpoint hits in STOPPED (a breakpoint armed from the boundary on);
 *  - END: where the replay stops by itself after the boundary of `event` (a fault about to be
 *    delivered, the program's exit, the end of the recording);
 *  - WATCH: the hits-th change of watched bytes since the boundary of `event` (the agent's watch
 *    stops, with the session's data breakpoints armed from that boundary on), pc after the store.
 * Positions with different events are ordered by event; within one event only a replay tells the
 * order of PC positions (the Timeline keeps hits in the order they happen), a BOUNDARY comes first
 * and END last.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import java.util.Objects;

public record Position(Kind kind, EventIndex event, RemoteAddress pc, int hits) {
    public enum Kind { BOUNDARY, PC, END, WATCH }

    public Position {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(pc, "pc");
        if ((kind == Kind.PC || kind == Kind.WATCH) && hits < 1) {
            throw new IllegalArgumentException("a " + kind + " position counts hits from 1, got " + hits);
        }
        if ((kind == Kind.BOUNDARY || kind == Kind.END) && (hits != 0 || !pc.equals(RemoteAddress.NULL))) {
            throw new IllegalArgumentException(kind + " positions have no pc and no hits");
        }
    }

    /** The moment right after event {@code event - 1} was replayed (the start of the recording for 0). */
    public static Position boundary(EventIndex event) {
        return new Position(Kind.BOUNDARY, event, RemoteAddress.NULL, 0);
    }

    /** The {@code hits}-th arrival at {@code pc} after the boundary of {@code event}. */
    public static Position at(EventIndex event, RemoteAddress pc, int hits) {
        return new Position(Kind.PC, event, pc, hits);
    }

    /** The {@code hits}-th watch stop (at {@code pc}, after the store) after the boundary of {@code event}. */
    public static Position watch(EventIndex event, RemoteAddress pc, int hits) {
        return new Position(Kind.WATCH, event, pc, hits);
    }

    /** The position of a data breakpoint's stop: at a boundary when a syscall's result changed the bytes. */
    public static Position ofWatchStop(dev.rewind.core.session.Stop stop) {
        return stop.hits() == 0 ? boundary(stop.event()) : watch(stop.event(), stop.pc(), stop.hits());
    }

    /** Where the replay stops by itself (fault, exit, end of the recording) after the boundary of {@code event}. */
    public static Position end(EventIndex event) {
        return new Position(Kind.END, event, RemoteAddress.NULL, 0);
    }

    public boolean hasPc() {
        return kind == Kind.PC;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BOUNDARY -> "[" + event + "]";
            case PC -> "[" + event + ", " + pc + " #" + hits + "]";
            case END -> "[end after " + event + "]";
            case WATCH -> "[" + event + ", change #" + hits + " at " + pc + "]";
        };
    }
}
