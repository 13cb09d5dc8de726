/*
 * Replays: how the Timeline replays from a save point to a position (DESIGN.md, "Save points",
 * "Motions"): restore a save point (or a hit save point mid-event, HitSavePoints) with nothing
 * armed, run to the target's event, then to the target's hits-th arrival; arrivals at watched
 * addresses on the way go to a listener (replayFromBoundary) or are judged by the agent, one
 * FIND_LAST per stretch between save events (lastArrivalFromBoundary). Save points are made at
 * the boundaries passed (SavePointPlacement). The recorded output passed is muted.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.SearchMessages;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.SavePoint;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.session.Watch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

final class Replays {
    private final Timeline timeline;
    private final ReplaySession session;
    private final HitSavePoints hitPoints;
    /** Whether FIND_LAST runs deep into an event leave hit save points on their way (HitChain). */
    private boolean leaveHitPoints = true;
    /** The hit save point last restored and the stop its restore answered (a FIND_LAST from that stop starts there). */
    private HitSavePoints.HitPoint hitOrigin;
    private Stop hitOriginStop;
    /** Whether replays tell their listener of watch stops (a search for data breakpoint changes) too. */
    private boolean watchStops;

    Replays(Timeline timeline, HitSavePoints hitPoints) {
        this.timeline = timeline;
        this.session = timeline.session();
        this.hitPoints = hitPoints;
    }

    /** Forgets the hit save points of an agent that died. */
    void forgetDead() {
        hitPoints.forgetDead();
    }

    void reportWatchStops(boolean on) {
        watchStops = on;
    }

    /**
     * Restores {@code from} and replays to {@code target} (which must lie after it), with
     * breakpoints at {@code watch} and target's pc (armed from the save point's boundary on, so
     * every hit count is canonical): each arrival at a watched address before the target goes to
     * {@code listener}. Save points are made at the boundaries passed. Returns the stop at target.
     */
    Stop replay(SavePoint from, Position target, Collection<RemoteAddress> watch, Timeline.HitListener listener)
            throws AgentException {
        if (watch.isEmpty() && listener == null) {
            // a seek: from a save point mid-event before the target, when one serves; one that
            // counts what a stepBack from there arms too, when a stepBack there armed some (else
            // from the boundary, so that the save points the seek leaves serve that stepBack)
            Optional<Stop> fromHit = restoreHitFor(target, hitPoints.alongside().of(target), false);
            if (fromHit.isPresent()) {
                return lastArrivalFromBoundary(fromHit.get(), target, List.of()).stop();
            }
        }
        return replayFromBoundary(restore(from), target, watch, listener);
    }

    /**
     * Restores the latest hit save point (HitSavePoints) from which a FIND_LAST arming {@code armed}
     * reaches {@code target} with canonical counts, if there is one (none while data breakpoints are
     * set); the stop its restore answered (at the arrival it stands before, still to be met).
     * {@code apart}: not one standing right before the target's own arrival.
     */
    Optional<Stop> restoreHitFor(Position target, Collection<RemoteAddress> armed, boolean apart)
            throws AgentException {
        if (!session.watches().isEmpty()) {
            return Optional.empty();
        }
        Optional<HitSavePoints.HitPoint> point = hitPoints.latestFor(target, armed, apart);
        if (point.isEmpty()) {
            return Optional.empty();
        }
        Stop stop = restore(point.get().point());
        hitOrigin = point.get();
        hitOriginStop = stop;
        return Optional.of(stop);
    }

    /** A stepBack from an arrival at {@code pc} armed {@code addresses} (Alongside.note). */
    void noteAlongside(RemoteAddress pc, Collection<RemoteAddress> addresses) {
        hitPoints.alongside().note(pc, addresses);
    }

    /** Lets FIND_LAST runs deep into an event leave hit save points on their way (HitChain), or not. */
    void leaveHitPoints(boolean on) {
        leaveHitPoints = on;
    }

    /** The position of the arrival a stop from restoreHitFor stands before. */
    Position hitPosition(Stop restored) {
        if (restored != hitOriginStop || hitOrigin == null) {
            throw new IllegalStateException("not the stop of a hit save point's restore: " + restored);
        }
        return hitOrigin.at();
    }

    /** Restores {@code from} with nothing armed: the stop at its boundary. */
    Stop restore(SavePoint from) throws AgentException {
        session.muteOutput(true);
        try {
            session.setBreakpoints(List.of());
            return session.restore(from);
        } finally {
            session.muteOutput(false);
        }
    }

    /**
     * Like replayFromBoundary with a listener keeping the last arrival that passes its address's
     * CFA rule, but judged by the agent (FIND_LAST, DESIGN.md "Motions"): one request per stretch
     * up to the next save event (save points are made there as replayFromBoundary makes them), not
     * one per arrival. {@code from} is a stop at an event boundary. A pause ends it (Paused).
     */
    Timeline.LastArrival lastArrivalFromBoundary(Stop from, Position target, List<SearchMessages.ArmedAddress> armed)
            throws AgentException {
        if (target.kind() == Position.Kind.WATCH) {
            throw new IllegalArgumentException("a data breakpoint's stop is not a FIND_LAST target: " + target);
        }
        session.muteOutput(true);
        try {
            Stop stop = from;
            Optional<SearchMessages.Arrival> last = Optional.empty();
            while (true) {
                EventIndex here = stop.event();
                if (here.compareTo(target.event()) > 0 && target.kind() != Position.Kind.END) {
                    throw lost(target, stop);
                }
                long chunk = timeline.nextSaveEvent(here);
                boolean final_ = target.kind() == Position.Kind.END || chunk >= target.event().value();
                if (final_ && leaveHitPoints && target.kind() == Position.Kind.PC && session.watches().isEmpty()) {
                    // deep in the target's event: save points on the way (HitChain)
                    boolean fromHit = stop == hitOriginStop && hitOrigin.at().event().equals(target.event());
                    int startCount = fromHit ? hitOrigin.before().getOrDefault(target.pc(), 0) : 0;
                    last = HitChain.run(timeline, hitPoints, target, startCount, chainArmed(target, armed, fromHit), last);
                }
                SearchMessages.FindLast request = final_ ? findLast(target, armed)
                        : new SearchMessages.FindLast(SearchMessages.TargetKind.BOUNDARY, EventIndex.of(chunk),
                                RemoteAddress.NULL, 0, armed);
                SearchMessages.LastArrival reply = session.findLast(request);
                if (reply.last().isPresent()) {
                    last = reply.last();
                }
                stop = reply.stop();
                switch (stop.reason()) {
                    case PAUSED -> throw new Timeline.Paused(stop);
                    case ERROR -> throw lost(target, stop);
                    default -> { }
                }
                if (!reached(final_ ? target : Position.boundary(EventIndex.of(chunk)), stop)) {
                    throw lost(target, stop);
                }
                if (final_) {
                    return new Timeline.LastArrival(last, stop);
                }
                timeline.maybeSave(stop, timeline.userEvent());
                if (session.takePauseRequest()) {
                    throw new Timeline.Paused(stop);
                }
            }
        } finally {
            session.muteOutput(false);
        }
    }

    /**
     * What a HitChain toward {@code target} arms: {@code armed} and, counted only, the addresses a
     * stepBack from there armed before (Alongside.with), unless the run starts at a hit
     * save point that did not count them all: counts of those would start at 0 there, not canonical.
     */
    private List<SearchMessages.ArmedAddress> chainArmed(Position target, List<SearchMessages.ArmedAddress> armed,
            boolean fromHit) {
        List<SearchMessages.ArmedAddress> more = hitPoints.alongside().with(target.pc(), armed);
        if (fromHit && !more.stream().allMatch(a -> hitOrigin.before().containsKey(a.address()))) {
            return armed;
        }
        return more;
    }

    /** Whether a FIND_LAST's {@code stop} is at {@code target} (not the end of the replay before it, or past it). */
    private static boolean reached(Position target, Stop stop) {
        return switch (target.kind()) {
            case BOUNDARY -> stop.event().equals(target.event()) && (stop.reason() == StopReason.AT_EVENT
                    || stop.reason() == StopReason.ENTRY || (stop.reason() == StopReason.WATCH && stop.hits() == 0));
            case PC -> stop.reason() == StopReason.BREAKPOINT && Position.at(stop.event(), stop.pc(), stop.hits()).equals(target);
            case END -> stop.reason() == StopReason.EXITED || stop.reason() == StopReason.END
                    || stop.reason() == StopReason.SIGNAL;
            case WATCH -> false;
        };
    }

    private static SearchMessages.FindLast findLast(Position target, List<SearchMessages.ArmedAddress> armed) {
        return switch (target.kind()) {
            case BOUNDARY -> new SearchMessages.FindLast(SearchMessages.TargetKind.BOUNDARY, target.event(),
                    RemoteAddress.NULL, 0, armed);
            case PC -> new SearchMessages.FindLast(SearchMessages.TargetKind.PC, target.event(), target.pc(),
                    target.hits(), armed);
            case END -> new SearchMessages.FindLast(SearchMessages.TargetKind.END, target.event(), RemoteAddress.NULL,
                    0, armed);
            case WATCH -> throw new IllegalArgumentException("not a FIND_LAST target: " + target);
        };
    }

    /**
     * Like replay(), from where the session stands: {@code from}, a stop at an event boundary (after a
     * restore, or a replay to a boundary with nothing armed), so hit counts from here on are canonical.
     */
    Stop replayFromBoundary(Stop from, Position target, Collection<RemoteAddress> watch, Timeline.HitListener listener)
            throws AgentException {
        if (watch.isEmpty() && target.kind() != Position.Kind.WATCH && (listener == null || !watchStops)) {
            // a seek: the agent runs to the target's hits-th arrival in one request, not one per arrival;
            // toward a pc the data breakpoints are off (their stops mean nothing there: arrival counts
            // are the same under every set, and each store to a watched page would cost a fault)
            List<Watch> watches = session.watches();
            if (watches.isEmpty() || target.kind() != Position.Kind.PC) {
                return lastArrivalFromBoundary(from, target, List.of()).stop();
            }
            session.setWatches(List.of());
            try {
                return lastArrivalFromBoundary(from, target, List.of()).stop();
            } finally {
                if (!session.isClosed()) {
                    session.setWatches(watches);
                }
            }
        }
        List<RemoteAddress> armed = new ArrayList<>(watch);
        if (target.hasPc() && !armed.contains(target.pc())) {
            armed.add(target.pc());
        }
        // The data breakpoints cost a fault per store to their pages: they are armed only where
        // their stops matter, for a search that asks for them (from the start), or from the
        // boundary of a WATCH target's event (its hits count from there); off elsewhere.
        List<Watch> watches = session.watches();
        boolean watching = watches.isEmpty() || (listener != null && watchStops);
        session.muteOutput(true);
        try {
            Stop stop = from;
            session.setBreakpoints(armed);
            if (!watching) {
                session.setWatches(List.of());
            }
            boolean atBoundary = true;
            while (true) {
                EventIndex here = stop.event();
                int cmp = here.compareTo(target.event());
                if (cmp > 0 && target.kind() != Position.Kind.END) {
                    throw lost(target, stop);
                }
                if (cmp == 0 && atBoundary && target.kind() == Position.Kind.BOUNDARY) {
                    return stop;
                }
                if (cmp == 0 && atBoundary && !watching && target.kind() == Position.Kind.WATCH) {
                    session.setWatches(watches);
                    watching = true;
                }
                if (cmp < 0) {
                    long goal = Math.min(timeline.nextSaveEvent(here), target.event().value());
                    stop = session.runToEvent(EventIndex.of(goal));
                } else {
                    stop = session.resume(ResumeMode.CONTINUE);
                }
                atBoundary = false;
                switch (stop.reason()) {
                    case AT_EVENT -> {
                        atBoundary = true;
                        timeline.maybeSave(stop, timeline.userEvent());
                        if (session.takePauseRequest()) {
                            throw new Timeline.Paused(stop);
                        }
                    }
                    case PAUSED -> throw new Timeline.Paused(stop);
                    case BREAKPOINT -> {
                        Position p = Position.at(stop.event(), stop.pc(), stop.hits());
                        if (p.equals(target)) {
                            return stop;
                        }
                        if (listener != null && watch.contains(stop.pc())) {
                            listener.hit(p, stop);
                        }
                        if (session.takePauseRequest()) {
                            throw new Timeline.Paused(stop); // (asked while Java judged a hit: the agent was idle)
                        }
                    }
                    case WATCH -> {
                        // the session's data breakpoints stay armed in every replay: their stops are
                        // positions too, candidates only for a search that asked for them
                        Position p = Position.ofWatchStop(stop);
                        atBoundary = p.kind() == Position.Kind.BOUNDARY;
                        if (p.equals(target)) {
                            return stop;
                        }
                        if (listener != null && watchStops) {
                            listener.hit(p, stop);
                        }
                    }
                    case SIGNAL -> {
                        // a fault about to be delivered: the END of its event; the replay goes on past it
                        if (target.kind() == Position.Kind.END && stop.event().equals(target.event())) {
                            return stop;
                        }
                    }
                    case EXITED, END -> {
                        if (target.kind() == Position.Kind.END) {
                            return stop;
                        }
                        throw lost(target, stop);
                    }
                    default -> throw lost(target, stop);
                }
            }
        } finally {
            session.muteOutput(false);
            if (!watching && !session.isClosed()) {
                session.setWatches(watches);
            }
        }
    }


    static AgentException lost(Position target, Stop stop) {
        return new AgentException(AgentErrorCode.AGENT_INTERNAL, "the replay did not reach " + target
                + ": it stopped (" + stop.reason() + " at " + stop.pc() + ", " + stop.event() + ") "
                + stop.message());
    }
}
