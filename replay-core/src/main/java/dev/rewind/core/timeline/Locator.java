/*
 * Locator: finds the Position of a stop the Timeline did not make (a step's end, a pause): a stop
 * at an event boundary or the end is one by itself; otherwise the replay is run again from the
 * boundary of the stop's event with a breakpoint at its pc only, counting arrivals, until the
 * registers and the top of the stack (the Fingerprint) equal the stop's. The session ends where it
 * was, now at a known position.
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
            default:
                return search(timeline, stop);
        }
    }

    private static Position search(Timeline timeline, Stop stop) throws AgentException {
        ReplaySession session = timeline.session();
        List<RemoteAddress> user = session.breakpoints();
        Fingerprint want = Fingerprint.of(session);
        Position boundary = Position.boundary(stop.event());
        try {
            timeline.replay(timeline.savePointFor(boundary), boundary, List.of(), null);
            if (session.lastStop().pc().equals(stop.pc()) && Fingerprint.of(session).equals(want)) {
                return boundary;
            }
            session.muteOutput(true);
            session.setBreakpoints(List.of(stop.pc()));
            while (true) {
                Stop s = session.resume(ResumeMode.CONTINUE);
                if (s.reason() != StopReason.BREAKPOINT || !s.event().equals(stop.event())) {
                    throw new AgentException(AgentErrorCode.AGENT_INTERNAL, "cannot find the current position again ("
                            + stop.pc() + " in " + stop.event() + "): the replay went on to " + s.reason() + " at "
                            + s.pc() + ", " + s.event());
                }
                if (Fingerprint.of(session).equals(want)) {
                    return Position.at(s.event(), s.pc(), s.hits());
                }
            }
        } finally {
            session.muteOutput(false);
            timeline.putBack(user);
        }
    }
}
