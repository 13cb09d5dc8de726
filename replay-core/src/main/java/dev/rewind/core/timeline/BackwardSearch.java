/*
 * BackwardSearch: the last moment before a position that passes a test, found by replaying
 * forwards (DESIGN.md, "Going backwards"): replay the interval from the latest save point before
 * the position up to it with breakpoints at the addresses of interest, keep the candidates in the
 * order they happen; none → the interval before, and so on back to the start of the recording.
 * A test may also say that a hit begins anew (a frame entered again: what came before no longer
 * counts), which settles the search in that interval.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.SearchMessages;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.SavePoint;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

final class BackwardSearch {
    /** What one arrival at a watched address means for the search. */
    enum Verdict {
        /** Not a candidate. */
        IGNORE,
        /** A candidate. */
        CANDIDATE,
        /** A candidate, and every earlier one no longer counts (nor do earlier intervals). */
        RESET
    }

    @FunctionalInterface
    interface Test {
        Verdict judge(Position at, Stop stop) throws AgentException;
    }

    private BackwardSearch() {
    }

    /** A search's answer: where, and the CFA of the frame there when the agent judged it (else NULL). */
    record Found(Position at, RemoteAddress cfa) {
    }

    /** What one stretch of the past held: its last candidate, or that a RESET settled the search. */
    private record StretchResult(Optional<Found> last, boolean settled) {
    }

    /** Searches one stretch: from {@code at} (a stop at an event boundary) up to {@code end}. */
    @FunctionalInterface
    private interface Stretch {
        StretchResult search(Stop at, Position end) throws AgentException;
    }

    /**
     * The last arrival at {@code watch} strictly before {@code current} that {@code test} accepts;
     * with {@code watchStops}, the session's data breakpoint stops are candidates for the test too.
     * Java judges each arrival (the agent stops at every one): for tests the agent cannot decide.
     */
    static Optional<Position> lastBefore(Timeline timeline, Position current, Collection<RemoteAddress> watch,
            boolean watchStops, Test test) throws AgentException {
        boolean watching = watchStops && !timeline.session().watches().isEmpty();
        if (watch.isEmpty() && !watching) {
            return Optional.empty();
        }
        timeline.reportWatchStops(watching);
        try {
            Stretch judged = (at, end) -> judged(timeline, current, at, end, watch, test);
            return search(timeline, current, watch, !watching, false, judged).map(Found::at);
        } finally {
            timeline.reportWatchStops(false);
        }
    }

    /**
     * The last arrival strictly before {@code current} at one of {@code armed} that passes its CFA
     * rule, judged by the agent: one FIND_LAST request per stretch of the past searched, whatever
     * the number of arrivals. The session's data breakpoints must be off (their stops are not
     * candidates here) and {@code current} not a data breakpoint's stop.
     */
    static Optional<Found> lastArrival(Timeline timeline, Position current, List<SearchMessages.ArmedAddress> armed)
            throws AgentException {
        if (armed.isEmpty()) {
            return Optional.empty();
        }
        List<RemoteAddress> watch = armed.stream().map(SearchMessages.ArmedAddress::address).distinct().toList();
        Stretch byAgent = (at, end) -> {
            Timeline.LastArrival found = timeline.lastArrivalFromBoundary(at, end, armed);
            return new StretchResult(found.last().map(a -> new Found(Position.at(a.event(), a.pc(), a.hits()), a.cfa())),
                    false);
        };
        return search(timeline, current, watch, true, true, byAgent);
    }

    /** One stretch, each arrival judged by {@code test} in Java. */
    private static StretchResult judged(Timeline timeline, Position current, Stop at, Position end,
            Collection<RemoteAddress> watch, Test test) throws AgentException {
        List<Position> candidates = new ArrayList<>();
        boolean[] settled = {false};
        Stop reached = timeline.replayFromBoundary(at, end, watch, (p, stop) -> {
            Verdict v = test.judge(p, stop);
            if (v == Verdict.RESET) {
                candidates.clear();
                settled[0] = true;
            }
            if (v != Verdict.IGNORE) {
                candidates.add(p);
            }
        });
        // a data breakpoint's change that a syscall made stands at the boundary itself: the
        // last moment of this stretch (unless that moment is where the search started)
        if (reached.reason() == StopReason.WATCH && !end.equals(current) && test.judge(end, reached) != Verdict.IGNORE) {
            candidates.add(end);
        }
        Optional<Found> last = candidates.isEmpty() ? Optional.empty()
                : Optional.of(new Found(candidates.get(candidates.size() - 1), RemoteAddress.NULL));
        return new StretchResult(last, settled[0]);
    }

    /**
     * {@code probing}: whether empty earlier segments may be skipped by asking workers (ArrivalProbe);
     * {@code fromHits}: whether stretches may start at hit save points (HitSavePoints: a stretch
     * judged by the agent, which counts canonically from there).
     */
    private static Optional<Found> search(Timeline timeline, Position current, Collection<RemoteAddress> watch,
            boolean probing, boolean fromHits, Stretch stretch) throws AgentException {
        if (current.kind() == Position.Kind.BOUNDARY && current.event().compareTo(timeline.start().event()) <= 0) {
            return Optional.empty(); // the start: there is no past
        }
        Position end = current;
        try {
            while (fromHits && end.kind() == Position.Kind.PC) {
                // the stretch from the latest save point mid-event before it; nothing there: the
                // arrival that save point stands before is the end of the stretch before (judged in
                // this one). Only the first stretch leaves save points on its way (HitChain): those
                // of the later ones would be the next stretches, one arrival each.
                Optional<Stop> at = timeline.restoreHitFor(end, watch, true);
                if (at.isEmpty()) {
                    break;
                }
                Position hit = timeline.hitPosition(at.get());
                StretchResult r = stretch.search(at.get(), end);
                if (r.last().isPresent() || r.settled()) {
                    return r.last();
                }
                end = hit;
                timeline.leaveHitPoints(false);
            }
        } finally {
            timeline.leaveHitPoints(true);
        }
        SavePoint latest = timeline.savePointFor(end);
        boolean mid = end.kind() == Position.Kind.PC || end.kind() == Position.Kind.WATCH;
        if (mid && latest.event().compareTo(end.event()) < 0) {
            // Most answers lie close before now: first the stretch since the current event's boundary
            // (reached with nothing armed, so it costs little), then whole intervals as below.
            Position boundary = Position.boundary(end.event());
            Stop at = timeline.replay(latest, boundary, List.of(), null);
            StretchResult r = stretch.search(at, end);
            if (r.last().isPresent() || r.settled()) {
                return r.last();
            }
            end = boundary;
        }
        // Workers are asked (ArrivalProbe) once the nearest interval held nothing, and again each
        // time the search here reaches the start of a segment, never twice in a row.
        boolean nearest = true;
        boolean probed = false;
        boolean justProbed = false;
        while (!(end.kind() == Position.Kind.BOUNDARY && end.event().compareTo(timeline.start().event()) <= 0)) {
            boolean probe = probing && !nearest && !justProbed && end.kind() == Position.Kind.BOUNDARY
                    && (!probed || timeline.isSnapshotCut(end.event()));
            justProbed = false;
            if (probe) {
                Optional<ArrivalProbe.Found> found = timeline.probeBefore(end.event(), watch);
                probed = true;
                if (found.isPresent()) {
                    if (found.get().end().isEmpty()) {
                        return Optional.empty();
                    }
                    end = Position.boundary(EventIndex.of(found.get().end().getAsLong()));
                    justProbed = true;
                }
            }
            nearest = false;
            SavePoint from = timeline.savePointFor(end);
            StretchResult r = stretch.search(timeline.restore(from), end);
            if (r.last().isPresent() || r.settled()) {
                return r.last();
            }
            end = Position.boundary(from.event());
        }
        return Optional.empty();
    }
}
