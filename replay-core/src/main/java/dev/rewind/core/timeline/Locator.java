/*
 * Locator: finds the Position of a stop the Timeline did not make (a step's end, a pause): a stop
 * at an event boundary or the end is one by itself; otherwise the replay is run again from the
 * boundary of the stop's event with a breakpoint at its pc only, counting arrivals, until the
 * registers and the top of the stack (the Fingerprint) equal the stop's. The session ends where it
 * was, now at a known position. A watch stop (a data breakpoint's) is found the same way among the
 * watch stops after its event's boundary (the session's data breakpoints armed, as they were); a
 * pc is searched for with them off (arrival counts are the same under every set of them).
 * findAgain does the same for a stop of an agent that has died, by the Fingerprint taken then.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.session.Watch;
import java.util.List;
import java.util.Optional;

final class Locator {
    private Locator() {
    }

    static Position locate(Timeline timeline, Stop stop) throws AgentException {
        Optional<Position> known = byItself(stop);
        if (known.isPresent()) {
            return known.get();
        }
        if (stop.reason() == StopReason.ERROR) {
            throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "the replay failed: " + stop.message());
        }
        return findAgain(timeline, stop, Fingerprint.of(timeline.session()));
    }

    /**
     * The position of a stop that is one by itself, without a replay: at an event boundary (a
     * data breakpoint's stop after a syscall's result changed the bytes too) or the end.
     */
    static Optional<Position> byItself(Stop stop) {
        return switch (stop.reason()) {
            case ENTRY, AT_EVENT -> Optional.of(Position.boundary(stop.event()));
            case EXITED, END, SIGNAL -> Optional.of(Position.end(stop.event()));
            case WATCH -> stop.hits() == 0 ? Optional.of(Position.boundary(stop.event())) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * The position of {@code stop} (this agent's, or an earlier agent's of this session) whose
     * registers and stack were {@code want}: found by replaying again; the session ends there.
     */
    static Position findAgain(Timeline timeline, Stop stop, Fingerprint want) throws AgentException {
        return find(timeline, stop, stop.reason() == StopReason.WATCH, want);
    }

    /** The PC position of {@code stop} (any stop not at a boundary), found by counting arrivals at its pc. */
    static Position search(Timeline timeline, Stop stop) throws AgentException {
        return find(timeline, stop, false, Fingerprint.of(timeline.session()));
    }

    /**
     * Replays from the boundary of the stop's event and looks at each arrival at its pc (a watch
     * stop: each watch stop, the session's data breakpoints armed) until the Fingerprint matches.
     */
    private static Position find(Timeline timeline, Stop stop, boolean watchStop, Fingerprint want)
            throws AgentException {
        ReplaySession session = timeline.session();
        List<RemoteAddress> user = session.breakpoints();
        Position boundary = Position.boundary(stop.event());
        StopReason looked = watchStop ? StopReason.WATCH : StopReason.BREAKPOINT;
        // counting arrivals at a pc needs no data breakpoints (the counts are the same under every
        // set) and they would cost a fault per store to their pages: off meanwhile
        List<Watch> watches = session.watches();
        if (!watchStop) {
            session.setWatches(List.of());
        }
        try {
            timeline.replay(timeline.savePointFor(boundary), boundary, List.of(), null);
            if (!watchStop && session.lastStop().pc().equals(stop.pc()) && Fingerprint.of(session).equals(want)) {
                return boundary;
            }
            session.muteOutput(true);
            session.setBreakpoints(watchStop ? List.of() : List.of(stop.pc()));
            while (true) {
                Stop s = session.resume(ResumeMode.CONTINUE);
                if (s.reason() == StopReason.WATCH && !watchStop) {
                    continue; // a data breakpoint's stop on the way
                }
                if (s.reason() != looked || !s.event().equals(stop.event())) {
                    throw new AgentException(AgentErrorCode.AGENT_INTERNAL, "cannot find the current position again ("
                            + stop.pc() + " in " + stop.event() + "): the replay went on to " + s.reason() + " at "
                            + s.pc() + ", " + s.event());
                }
                if (s.pc().equals(stop.pc()) && (!watchStop || s.hits() > 0) && Fingerprint.of(session).equals(want)) {
                    return watchStop ? Position.watch(s.event(), s.pc(), s.hits()) : Position.at(s.event(), s.pc(), s.hits());
                }
            }
        } finally {
            session.muteOutput(false);
            timeline.putBack(user);
            if (!session.isClosed()) {
                session.setWatches(watches);
            }
        }
    }
}
