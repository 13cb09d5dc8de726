/*
 * PastFilter: judges the arrivals at user breakpoints that a backward search meets, which are
 * moments of the past, not stops of a running motion: without side effects (no log point output,
 * no hit counting), a hit's count being its place among all hits since the start of the
 * recording. The Timeline tells it before a search (while the session may still move, to gather
 * what judging needs) and after every travel (the counts of hits so far are those up to the new
 * moment).
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.BreakpointFilter;
import dev.rewind.core.session.Stop;

public interface PastFilter {
    /** What the filter says of the arrivals at one address without looking at them. */
    enum AddressRule {
        /** Every arrival there stops (no condition, hit condition or log point to judge). */
        STOPS_ALWAYS,
        /** No arrival there stops (log points only). */
        STOPS_NEVER,
        /** Each arrival must be judged (stopsAt) where it happens. */
        JUDGED
    }

    /**
     * The rule at {@code address} when it needs no judging, so that a backward search may be run by
     * the agent in one request (FIND_LAST); JUDGED (the default) keeps the per-arrival path.
     */
    default AddressRule ruleAt(dev.rewind.core.model.RemoteAddress address) {
        return AddressRule.JUDGED;
    }

    /** Before a backward search. */
    void prepare(Timeline timeline) throws AgentException;

    /** Whether the search stops at this arrival at a user breakpoint, at position {@code at}. */
    boolean stopsAt(Position at, Stop stop) throws AgentException;

    /** After the replay travelled (backwards, or a seek): the session stands at the new moment. */
    void travelled(Timeline timeline) throws AgentException;

    /** Judges the past with a forward filter's own decision (for filters without side effects). */
    static PastFilter of(BreakpointFilter filter) {
        return new PastFilter() {
            @Override
            public void prepare(Timeline timeline) {
            }

            @Override
            public boolean stopsAt(Position at, Stop stop) throws AgentException {
                return filter.stopsAt(stop);
            }

            @Override
            public void travelled(Timeline timeline) {
            }

            @Override
            public AddressRule ruleAt(dev.rewind.core.model.RemoteAddress address) {
                return filter == BreakpointFilter.ALWAYS ? AddressRule.STOPS_ALWAYS : AddressRule.JUDGED;
            }
        };
    }
}
