/*
 * HitSavePoints: the Timeline's save points made mid-event, just before a breakpoint arrival
 * (SAVE_AT_HIT), so that long computations without syscalls stay cheap to travel in (DESIGN.md,
 * "Save points"). Each knows the position of the arrival it stands before and the arrivals before
 * it, since its event's boundary, at every address the replay counted there; a replay may start
 * from one only toward a PC position of the same event whose arrival is still to come there, with
 * every address it arms among the counted ones: then every hit count it reports is the canonical
 * one (the agent takes the counts over). Kept under a count of their own and a quarter of the
 * Timeline's memory budget (as reported when made): the least recently used goes first, so they
 * stay where the user works.
 *
 * A seek deep into an event leaves its save points (HitChain) counting the target's pc only,
 * which a stepBack from there cannot use (it arms the frame's line starts): so the addresses each
 * stepBack armed are remembered by the pc it started at (Alongside), and a later seek to an
 * arrival at that pc counts them too (FIND_LAST's count-only rule), never judging them.
 *
 * Invariant: for two moments a before b of one event, every address's count at a is at most its
 * count at b; so among usable points the one with the most arrivals before it is the latest.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.SearchMessages;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SavePoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class HitSavePoints {
    /**
     * A save point standing just before the arrival {@code at}; {@code before}: the arrivals
     * before it since the boundary of its event at each counted address (at at.pc(): at.hits() - 1).
     */
    record HitPoint(SavePoint point, Position at, Map<RemoteAddress, Integer> before) {
        HitPoint {
            Objects.requireNonNull(point, "point");
            if (at.kind() != Position.Kind.PC) {
                throw new IllegalArgumentException("a hit save point stands before an arrival, not at " + at);
            }
            before = Map.copyOf(before);
        }

        /** Whether a replay from here arming {@code armed} reaches {@code target} with canonical counts. */
        boolean serves(Position target, Collection<RemoteAddress> armed) {
            if (target.kind() != Position.Kind.PC || !target.event().equals(at.event())) {
                return false;
            }
            Integer pcCount = before.get(target.pc());
            return pcCount != null && pcCount < target.hits() && before.keySet().containsAll(armed);
        }

        /** How far into its event it stands, by the addresses a motion cares about. */
        long progress(Position target, Collection<RemoteAddress> armed) {
            long sum = before.getOrDefault(target.pc(), 0);
            for (RemoteAddress a : armed) {
                sum += before.getOrDefault(a, 0);
            }
            return sum;
        }
    }

    /** The most kept at once (each a stopped fork; small programs' forks cost little). */
    static final int MAX_COUNT = 48;

    private final ReplaySession session;
    private final long maxBytes;
    /** What stepBacks armed, by the pc they started at: seeks there count those too. */
    private final Alongside alongside = new Alongside();
    /** Least recently used first. */
    private final List<HitPoint> points = new ArrayList<>();

    HitSavePoints(ReplaySession session, TimelineConfig config) {
        this.session = Objects.requireNonNull(session, "session");
        this.maxBytes = config.maxBytes() / 4;
    }

    /**
     * The latest point from which a replay arming {@code armed} reaches {@code target} (see
     * HitPoint.serves); {@code apart}: not one standing right before the target's own arrival
     * (a search for moments before the target needs at least one arrival between).
     */
    Optional<HitPoint> latestFor(Position target, Collection<RemoteAddress> armed, boolean apart) {
        HitPoint best = null;
        long bestProgress = -1;
        for (HitPoint p : points) {
            if (p.serves(target, armed) && !(apart && p.at().equals(target))) {
                long progress = p.progress(target, armed);
                if (progress > bestProgress) {
                    best = p;
                    bestProgress = progress;
                }
            }
        }
        if (best != null) {
            points.remove(best);
            points.add(best); // recently used
        }
        return Optional.ofNullable(best);
    }

    /** Whether a point stands before the arrival {@code at} counting every one of {@code armed}. */
    boolean has(Position at, Collection<RemoteAddress> armed) {
        return points.stream().anyMatch(p -> p.at().equals(at) && p.before().keySet().containsAll(armed));
    }

    /** What stepBacks armed, by the pc they started at (see Alongside). */
    Alongside alongside() {
        return alongside;
    }

    /** Keeps the save point SAVE_AT_HIT made (if it made one); evicts beyond the count. */
    void add(SearchMessages.SavedAtHit saved, Position at) throws AgentException {
        if (saved.savepoint() == 0) {
            return;
        }
        Map<RemoteAddress, Integer> before = new HashMap<>();
        for (SearchMessages.HitCount c : saved.counts()) {
            before.put(c.address(), c.hits());
        }
        SavePoint point = new SavePoint(saved.savepoint(), saved.event(), saved.memoryBytes());
        if (!before.containsKey(at.pc()) || before.get(at.pc()) != at.hits() - 1) {
            session.drop(point); // (never: the agent counts the arrival it stands before)
            return;
        }
        points.add(new HitPoint(point, at, before));
        while (points.size() > MAX_COUNT || (points.size() > 1 && memory() > maxBytes)) {
            session.drop(points.remove(0).point());
        }
    }

    private long memory() {
        long total = 0;
        for (HitPoint p : points) {
            total += p.point().memoryBytes();
        }
        return total;
    }

    /** Forgets them all without freeing: they died with the agent that made them. */
    void forgetDead() {
        points.clear();
    }
}
