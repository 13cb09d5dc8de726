/*
 * BreakpointFilter: decides, each time the replay arrives at a user breakpoint, whether the motion
 * running (a continue, or the runs a step makes) stops there. Conditions, hit counts and log points
 * live above replay-core and answer through this; the session is stopped at the breakpoint while
 * the filter runs, so it may query it (variables, memory), but must not resume it.
 */
package dev.rewind.core.session;

import dev.rewind.core.agent.AgentException;

@FunctionalInterface
public interface BreakpointFilter {
    /** Every breakpoint stops every time. */
    BreakpointFilter ALWAYS = stop -> true;

    /** True when the motion ends at this arrival; called once per arrival at a user breakpoint. */
    boolean stopsAt(Stop stop) throws AgentException;
}
