/*
 * SavePoints: the Timeline's save points, ordered by event, and the budget they live under. Adds
 * the ones the Timeline makes, finds the latest at or before an event, and evicts when the count
 * or the memory (as last refreshed from the agent) exceeds the budget: the first save point (the
 * start of the recording) always stays; of the others the one whose removal opens the smallest gap
 * for its distance from the current event goes first, so they stay dense near the user and thin
 * out further away. The memory is refreshed from the agent every few saves (REFRESH_EVERY) and
 * whenever it is reported.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SavePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class SavePoints {
    private final ReplaySession session;
    private final TimelineConfig config;
    /** Sorted by event, at most one per event. */
    private final List<SavePoint> points = new ArrayList<>();
    /**
     * Refreshing every save point's memory costs one request each; making a save point refreshes
     * them all only every REFRESH_EVERY saves (or when the count is over), else the budget is
     * checked against the memory last reported, which lags behind copy-on-write growth a little.
     */
    private static final int REFRESH_EVERY = 16;
    private int savesSinceRefresh;

    SavePoints(ReplaySession session, TimelineConfig config) {
        this.session = Objects.requireNonNull(session, "session");
        this.config = Objects.requireNonNull(config, "config");
    }

    List<SavePoint> all() {
        return List.copyOf(points);
    }

    boolean has(EventIndex event) {
        return points.stream().anyMatch(p -> p.event().equals(event));
    }

    /** The latest save point whose event is at or before {@code event}. */
    Optional<SavePoint> atOrBefore(EventIndex event) {
        SavePoint best = null;
        for (SavePoint p : points) {
            if (p.event().compareTo(event) <= 0) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The latest save point strictly before {@code event}. */
    Optional<SavePoint> before(EventIndex event) {
        SavePoint best = null;
        for (SavePoint p : points) {
            if (p.event().compareTo(event) < 0) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Saves where the replay stands (an event boundary) unless one is there; then keeps the budget. */
    void saveHere(EventIndex current) throws AgentException {
        SavePoint made = session.save();
        if (has(made.event())) {
            session.drop(made);
            return;
        }
        int at = 0;
        while (at < points.size() && points.get(at).event().compareTo(made.event()) < 0) {
            at++;
        }
        points.add(at, made);
        if (++savesSinceRefresh >= REFRESH_EVERY || points.size() > config.maxCount()) {
            enforceBudget(current);
        } else {
            evict(current, knownMemory());
        }
    }

    /** The memory of all save points as last reported (a new one's at its making). */
    private long knownMemory() {
        long total = 0;
        for (SavePoint p : points) {
            total += p.memoryBytes();
        }
        return total;
    }

    /** Memory of all save points, refreshed from the agent. */
    long refreshMemory() throws AgentException {
        long total = 0;
        for (int i = 0; i < points.size(); i++) {
            SavePoint fresh = session.refresh(points.get(i));
            points.set(i, fresh);
            total += fresh.memoryBytes();
        }
        return total;
    }

    /** Evicts until the count and the memory fit the budget (the first save point always stays). */
    void enforceBudget(EventIndex current) throws AgentException {
        savesSinceRefresh = 0;
        evict(current, refreshMemory());
    }

    private void evict(EventIndex current, long memory) throws AgentException {
        while (points.size() > 1 && (points.size() > config.maxCount() || memory > config.maxBytes())) {
            SavePoint victim = points.get(leastUseful(current.value()));
            points.remove(victim);
            session.drop(victim);
            memory -= victim.memoryBytes();
        }
    }

    /** The index (never 0) whose removal costs least: the gap it opens, divided by its distance from the user. */
    private int leastUseful(long current) {
        int best = points.size() - 1;
        double bestCost = Double.MAX_VALUE;
        for (int i = 1; i < points.size(); i++) {
            long prev = points.get(i - 1).event().value();
            long next = i + 1 < points.size() ? points.get(i + 1).event().value() : current;
            long here = points.get(i).event().value();
            double gap = Math.max(1, next - prev);
            double distance = 1 + Math.abs(current - here);
            double cost = gap / distance;
            if (cost < bestCost) {
                bestCost = cost;
                best = i;
            }
        }
        return best;
    }

    /** Forgets every save point without freeing it: they died with the agent that made them. */
    void forgetDead() {
        points.clear();
        savesSinceRefresh = 0;
    }

    /** Frees every save point (the session keeps running). */
    void dropAll() throws AgentException {
        for (SavePoint p : points) {
            session.drop(p);
        }
        points.clear();
    }
}
