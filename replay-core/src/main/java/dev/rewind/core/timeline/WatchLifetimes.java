/*
 * WatchLifetimes: continues forwards (Timeline.resume) while some data breakpoints watch locals,
 * ending the run also where a watched local's frame returns (WatchScope): the run stops there with
 * the scopes that ended, and the caller drops their watches. The return addresses are armed as
 * breakpoints of this run only (the user's set is restored after); an arrival at one that is no
 * frame's return (a recursive call returning) goes on, judged by the user's filter when the user
 * has a breakpoint there too. A frame left without returning (longjmp, unwinding) is not seen.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

public final class WatchLifetimes {
    /** Where a continue stopped, and the scopes that ended there (empty unless it stopped for them). */
    public record Result(Stop stop, List<WatchScope> ended) {
        public Result {
            ended = List.copyOf(ended);
        }
    }

    private WatchLifetimes() {
    }

    /** Continues like Timeline.resume(), also stopping where one of {@code scopes}' frames returns. */
    public static Result resume(Timeline timeline, List<WatchScope> scopes) throws AgentException {
        if (scopes.isEmpty()) {
            return new Result(timeline.resume(), List.of());
        }
        ReplaySession session = timeline.session();
        List<RemoteAddress> user = session.breakpoints();
        Set<RemoteAddress> returns = new LinkedHashSet<>();
        scopes.forEach(s -> returns.add(s.returnAddress()));
        List<RemoteAddress> armed = new ArrayList<>(user);
        returns.stream().filter(r -> !user.contains(r)).forEach(armed::add);
        session.setBreakpoints(armed);
        try {
            while (true) {
                Stop stop = timeline.resume(returns);
                if (stop.reason() != StopReason.BREAKPOINT || !returns.contains(stop.pc())) {
                    return new Result(stop, List.of());
                }
                RemoteAddress sp = session.registers().sp();
                List<WatchScope> ended = scopes.stream().filter(s -> s.leftAt(stop.pc(), sp)).toList();
                if (!ended.isEmpty()) {
                    return new Result(stop, ended);
                }
                if (user.contains(stop.pc()) && timeline.filter().stopsAt(stop)) {
                    return new Result(stop, List.of());
                }
                if (session.takePauseRequest()) {
                    return new Result(stop.as(StopReason.PAUSED, ""), List.of());
                }
            }
        } finally {
            if (!session.isClosed()) {
                session.setBreakpoints(user);
            }
        }
    }
}
