/*
 * Locator: finds the Position of a stop the Timeline did not make (a step's end, a pause): a stop
 * at an event boundary or the end is one by itself; otherwise the replay is run again from the
 * boundary of the stop's event with a breakpoint at its pc only, counting arrivals, until the
 * registers and the top of the stack (the Fingerprint) equal the stop's. The session ends where it
 * was, now at a known position. A watch stop (a data breakpoint's) is found the same way among the
 * watch stops after its event's boundary (the session's data breakpoints armed, as they were).
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import java.util.List;

final class Locator {
    private Locator() {
    }

    static Position locate(Timeline timeline, Stop stop) throws AgentException {
        switch (stop.reason()) {
            case ENTRY, AT_EVENT:
                return Position.boundary(stop.event());
            case EXITED, END, SIGNAL:
                return Position.end(stop.event());
            case ERROR:
                throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "the replay failed: " + stop.message());
            case WATCH:
                return searchWatch(timeline, stop);
            default:
                return search(timeline, stop);
        }
    }

    private static Position searchWatch(Timeline timeline, Stop stop) throws AgentException {
        if (stop.hits() == 0) {
            return Position.boundary(stop.event()); // a syscall's result changed the bytes
        }
        return find(timeline, stop, true);
    }

    /** The PC position of {@code stop} (any stop not at a boundary), found by counting arrivals at its pc. */
    static Position search(Timeline timeline, Stop stop) throws AgentException {
        return find(timeline, stop, false);
    }

    /**
     * Replays from the boundary of the stop's event and looks at each arrival at its pc (a watch
     * stop: each watch stop, the session's data breakpoints armed) until the Fingerprint matches.
     */
    private static Position find(Timeline timeline, Stop stop, boolean watchStop) throws AgentException {
        ReplaySession session = timeline.session();
        List<RemoteAddress> user = session.breakpoints();
        Fingerprint want = Fingerprint.of(session);
        Position boundary = Position.boundary(stop.event());
        StopReason looked = watchStop ? StopReason.WATCH : StopReason.BREAKPOINT;
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
        }
    }
}
