/*
 * SearchMessages: the backward-search motion's messages (protocol/wire-protocol.md, FIND_LAST and
 * LAST_ARRIVAL). FIND_LAST asks the agent to run from where the session stands (an event
 * boundary) to a target position with addresses armed, each with a rule on the CFA of the frame
 * it is arrived in, and to answer once with the last arrival that passed its rule, the counts,
 * and the stop at the target. SearchCodec writes and reads their fields.
 */
package dev.rewind.core.agent;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Stop;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

public final class SearchMessages {
    static final int FIND_LAST = 50;
    static final int LAST_ARRIVAL = 51;
    static final int SAVE_AT_HIT = 52;
    static final int SAVED_AT_HIT = 53;
    /** The most addresses one FIND_LAST may arm (the agent arms at most 1024 breakpoints). */
    public static final int MAX_ADDRESSES = 1000;

    private SearchMessages() {
    }

    /** Where the search ends (the same three kinds as a Timeline Position that a replay can stop at). */
    public enum TargetKind {
        /** The boundary of the event, before it is replayed. */
        BOUNDARY(0),
        /** The hits-th arrival at pc after the boundary of the event. */
        PC(1),
        /** Where the replay stops by itself (a fault, the exit, the end) after the boundary of the event. */
        END(2);

        public final int wire;

        TargetKind(int wire) {
            this.wire = wire;
        }

        static TargetKind ofWire(int v) {
            for (TargetKind k : values()) {
                if (k.wire == v) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown FIND_LAST target kind " + v);
        }
    }

    /** Which arrivals at an address count, by the CFA of the frame they happen in. */
    public enum CfaRule {
        ANY_FRAME(0),
        /** Only in the frame whose CFA is the given one. */
        CFA_EQUAL(1),
        /** In that frame or its callers (CFA at or above: the stack grows down). */
        CFA_AT_OR_ABOVE(2),
        /** Armed and counted (SAVE_AT_HIT reports its count), never judged: no arrival there qualifies. */
        COUNT_ONLY(3);

        public final int wire;

        CfaRule(int wire) {
            this.wire = wire;
        }

        static CfaRule ofWire(int v) {
            for (CfaRule r : values()) {
                if (r.wire == v) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown FIND_LAST CFA rule " + v);
        }
    }

    /** An address to arm and the rule its arrivals must pass ({@code cfa} NULL for ANY_FRAME). */
    public record ArmedAddress(RemoteAddress address, CfaRule rule, RemoteAddress cfa) {
        public ArmedAddress {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(cfa, "cfa");
        }

        public static ArmedAddress anyFrame(RemoteAddress address) {
            return new ArmedAddress(address, CfaRule.ANY_FRAME, RemoteAddress.NULL);
        }

        public static ArmedAddress inFrame(RemoteAddress address, RemoteAddress cfa) {
            return new ArmedAddress(address, CfaRule.CFA_EQUAL, cfa);
        }

        public static ArmedAddress countOnly(RemoteAddress address) {
            return new ArmedAddress(address, CfaRule.COUNT_ONLY, RemoteAddress.NULL);
        }
    }

    /** Java → agent: run to the target and find the last qualifying arrival before it. */
    public record FindLast(TargetKind kind, EventIndex event, RemoteAddress pc, int hits, List<ArmedAddress> addresses)
            implements WireMessage {
        public FindLast {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(pc, "pc");
            addresses = List.copyOf(addresses);
            if (kind == TargetKind.PC && hits < 1) {
                throw new IllegalArgumentException("a pc target counts hits from 1, got " + hits);
            }
            if (addresses.size() > MAX_ADDRESSES) {
                throw new IllegalArgumentException("at most " + MAX_ADDRESSES + " addresses, got " + addresses.size());
            }
        }

        @Override
        public int type() {
            return FIND_LAST;
        }
    }

    /** One arrival: its pc, the event whose boundary its count starts at, the count, the frame's CFA. */
    public record Arrival(RemoteAddress pc, EventIndex event, int hits, RemoteAddress cfa) {
        public Arrival {
            Objects.requireNonNull(pc, "pc");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(cfa, "cfa");
        }
    }

    /**
     * Agent → Java: the last qualifying arrival (if any), how many arrivals at the armed addresses
     * the run met and how many qualified, and the stop where it ended (the target, or PAUSED, ERROR).
     */
    public record LastArrival(Optional<Arrival> last, long arrivals, long qualifying, Stop stop) implements WireMessage {
        public LastArrival {
            Objects.requireNonNull(last, "last");
            Objects.requireNonNull(stop, "stop");
        }

        @Override
        public int type() {
            return LAST_ARRIVAL;
        }
    }

    /**
     * Java → agent: at the breakpoint arrival the replay stopped at, stand just before it (the next
     * run reports it again) and make a save point there (protocol/wire-protocol.md, "Save points at hits").
     */
    public record SaveAtHit() implements WireMessage {
        @Override
        public int type() {
            return SAVE_AT_HIT;
        }
    }

    /** A breakpoint's arrivals since the boundary of an event. */
    public record HitCount(RemoteAddress address, int hits) {
        public HitCount {
            Objects.requireNonNull(address, "address");
            if (hits < 0) {
                throw new IllegalArgumentException("hit counts are >= 0, got " + hits);
            }
        }
    }

    /**
     * Agent → Java: the save point made before the arrival at {@code pc} (0: none could be made; the
     * replay stands before the arrival anyway), its memory, and the arrivals before that moment since
     * the boundary of {@code event} at each breakpoint counted from there ({@code counts}; the
     * arrival at pc is the (hits + 1)-th there).
     */
    public record SavedAtHit(int savepoint, EventIndex event, RemoteAddress pc, long memoryBytes, List<HitCount> counts)
            implements WireMessage {
        public SavedAtHit {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(pc, "pc");
            counts = List.copyOf(counts);
            if (savepoint < 0 || memoryBytes < 0) {
                throw new IllegalArgumentException("negative save point or memory");
            }
        }

        @Override
        public int type() {
            return SAVED_AT_HIT;
        }
    }
}
