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

    /** Replays from {@code at} (a boundary) to {@code end}, collecting candidates; true when a RESET settled it. */
    private static boolean search(Timeline timeline, Stop at, Position end, Collection<RemoteAddress> watch, Test test,
            List<Position> candidates) throws AgentException {
        boolean[] settled = {false};
        timeline.replayFromBoundary(at, end, watch, (p, stop) -> {
            Verdict v = test.judge(p, stop);
            if (v == Verdict.RESET) {
                candidates.clear();
                settled[0] = true;
            }
            if (v != Verdict.IGNORE) {
                candidates.add(p);
            }
        });
        return settled[0];
    }

    /**
     * The last arrival at {@code watch} strictly before {@code current} that {@code test} accepts;
     * with {@code watchStops}, the session's data breakpoint stops are candidates for the test too.
     */
    static Optional<Position> lastBefore(Timeline timeline, Position current, Collection<RemoteAddress> watch,
            boolean watchStops, Test test) throws AgentException {
        boolean watching = watchStops && !timeline.session().watches().isEmpty();
        if (watch.isEmpty() && !watching) {
            return Optional.empty();
        }
        timeline.reportWatchStops(watching);
        try {
            return search(timeline, current, watch, !watching, test);
        } finally {
            timeline.reportWatchStops(false);
        }
    }

    /** {@code probing}: whether empty earlier segments may be skipped by asking workers (ArrivalProbe). */
    private static Optional<Position> search(Timeline timeline, Position current, Collection<RemoteAddress> watch,
            boolean probing, Test test) throws AgentException {
        if (current.kind() == Position.Kind.BOUNDARY && current.event().compareTo(timeline.start().event()) <= 0) {
            return Optional.empty(); // the start: there is no past
        }
        Position end = current;
        SavePoint latest = timeline.savePointFor(current);
        boolean mid = current.kind() == Position.Kind.PC || current.kind() == Position.Kind.WATCH;
        if (mid && latest.event().compareTo(current.event()) < 0) {
            // Most answers lie close before now: first the stretch since the current event's boundary
            // (reached with nothing armed, so it costs little), then whole intervals as below.
            Position boundary = Position.boundary(current.event());
            Stop at = timeline.replay(latest, boundary, List.of(), null);
            List<Position> candidates = new ArrayList<>();
            boolean settled = search(timeline, at, current, watch, test, candidates);
            if (!candidates.isEmpty()) {
                return Optional.of(candidates.get(candidates.size() - 1));
            }
            if (settled) {
                return Optional.empty();
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
            List<Position> candidates = new ArrayList<>();
            boolean[] settled = {false};
            Stop reached = timeline.replay(from, end, watch, (at, stop) -> {
                Verdict v = test.judge(at, stop);
                if (v == Verdict.RESET) {
                    candidates.clear();
                    settled[0] = true;
                }
                if (v != Verdict.IGNORE) {
                    candidates.add(at);
                }
            });
            // a data breakpoint's change that a syscall made stands at the boundary itself: the
            // last moment of this interval (unless that moment is where the search started)
            if (reached.reason() == StopReason.WATCH && !end.equals(current)
                    && test.judge(end, reached) != Verdict.IGNORE) {
                candidates.add(end);
            }
            if (!candidates.isEmpty()) {
                return Optional.of(candidates.get(candidates.size() - 1));
            }
            if (settled[0]) {
                return Optional.empty();
            }
            end = Position.boundary(from.event());
        }
        return Optional.empty();
    }
}
