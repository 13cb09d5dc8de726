/*
 * TimeTravel: the DAP side of the Timeline: made when a session starts (at its entry, where the
 * first save point goes), with the same breakpoint filter (conditions, hit counts) as forward
 * motions; the recording's event count when launch knows it. A Timeline that cannot be made (no
 * save point possible) leaves the session debuggable forwards only, and going back says why.
 */
package dev.rewind.dap;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.BreakpointFilter;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.timeline.Timeline;

public final class TimeTravel {
    private final Timeline timeline;
    private final String unavailable;

    private TimeTravel(Timeline timeline, String unavailable) {
        this.timeline = timeline;
        this.unavailable = unavailable;
    }

    static TimeTravel start(ReplaySession session, BreakpointFilter filter) {
        try {
            Timeline t = new Timeline(session);
            t.setFilter(filter);
            return new TimeTravel(t, null);
        } catch (AgentException e) {
            return new TimeTravel(null, "going back in time is not available in this session: " + e.getMessage());
        }
    }

    /** The recording's event count, when launch knows it (it recorded the program). */
    public void knowTotal(long events) {
        if (timeline != null) {
            timeline.setTotalEvents(events);
        }
    }

    /** The Timeline when it could be made (forward motions go through it to place save points). */
    public java.util.Optional<Timeline> available() {
        return java.util.Optional.ofNullable(timeline);
    }

    /** The Timeline, or NOT_AVAILABLE with the reason it could not be made. */
    public Timeline timeline() throws DapException {
        if (timeline == null) {
            throw new DapException(DapError.AGENT_FAILED, unavailable);
        }
        return timeline;
    }
}
