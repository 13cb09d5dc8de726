/*
 * HitChain: the last stretch of a FIND_LAST run toward a PC position deep in its event, cut into
 * pieces at earlier arrivals at the target's pc, with a save point left before each of those
 * arrivals (SAVE_AT_HIT), so that the next motion near there replays little (DESIGN.md, "Save
 * points": the replay distance to any moment stays bounded in long computations too). The pieces
 * are spaced by powers of two back from the target: dense near where the user is, thin further
 * away, about log2(arrivals) save points for a stretch.
 *
 * Invariant: every arrival the unbroken run would judge is judged exactly once: a piece ends at
 * an arrival without judging it, and SAVE_AT_HIT leaves the replay just before it, so the next
 * piece judges it first. Hit counts stay canonical: the pieces arm one set, which the agent keeps
 * counting across them.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.SearchMessages;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class HitChain {
    /** Fewer arrivals than this from the start to the target: one piece, no save points. */
    static final int MIN_ARRIVALS = 8;

    private HitChain() {
    }

    /** The arrivals at the target's pc to cut at: target.hits() - 1, - 2, - 4, ... while after {@code startCount}. */
    static List<Integer> cuts(Position target, int startCount) {
        List<Integer> cuts = new ArrayList<>();
        if (target.hits() - startCount < MIN_ARRIVALS) {
            return cuts;
        }
        for (long d = 1; target.hits() - d > startCount; d *= 2) {
            cuts.add(0, (int) (target.hits() - d));
        }
        return cuts;
    }

    /**
     * Runs the pieces before {@code target} (a PC position) from where the session stands, with
     * {@code startCount} arrivals at its pc before there since its event's boundary, leaving a save
     * point before each cut; returns the last qualifying arrival met (or {@code last} when none),
     * the session standing before the last cut's arrival, or where it stood when nothing was cut.
     */
    static Optional<SearchMessages.Arrival> run(Timeline timeline, HitSavePoints points, Position target,
            int startCount, List<SearchMessages.ArmedAddress> armed, Optional<SearchMessages.Arrival> last)
            throws AgentException {
        ReplaySession session = timeline.session();
        List<RemoteAddress> counted = new ArrayList<>();
        for (SearchMessages.ArmedAddress a : armed) {
            counted.add(a.address());
        }
        counted.add(target.pc());
        Optional<SearchMessages.Arrival> found = last;
        for (int cut : cuts(target, startCount)) {
            Position at = Position.at(target.event(), target.pc(), cut);
            if (points.has(at, counted)) {
                continue;
            }
            SearchMessages.LastArrival reply = session.findLast(new SearchMessages.FindLast(
                    SearchMessages.TargetKind.PC, target.event(), target.pc(), cut, armed));
            if (reply.last().isPresent()) {
                found = reply.last();
            }
            Stop stop = reply.stop();
            if (stop.reason() == StopReason.PAUSED) {
                throw new Timeline.Paused(stop);
            }
            if (stop.reason() != StopReason.BREAKPOINT
                    || !Position.at(stop.event(), stop.pc(), stop.hits()).equals(at)) {
                throw new AgentException(dev.rewind.core.agent.AgentErrorCode.AGENT_INTERNAL, "the replay did not reach "
                        + at + " on its way to " + target + ": it stopped (" + stop.reason() + " at " + stop.pc()
                        + ", " + stop.event() + ") " + stop.message());
            }
            points.add(session.saveAtHit(), at);
            if (session.takePauseRequest()) {
                throw new Timeline.Paused(stop);
            }
        }
        return found;
    }
}
