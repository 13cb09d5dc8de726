/*
 * WatchEnds: ends the data breakpoints of watched locals whose frame has returned (WatchScope), as
 * gdb does ("Watchpoint N deleted because the program has left the block in which its expression
 * is valid"): drops them, re-arms the rest, and says so on the stop. A continue finds the return
 * itself (WatchLifetimes); after a forward step the stack pointer tells: a step that began in or
 * under the frame (sp below its CFA) and stands at or above the CFA has left it.
 */
package dev.rewind.dap;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.timeline.Timeline;
import dev.rewind.core.timeline.WatchScope;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

public final class WatchEnds {
    private WatchEnds() {
    }

    /** After a forward step to {@code stop}: ends the watches whose frame it left. */
    public static Stop afterStep(Stop stop, DebugContext ctx, Optional<Timeline> timeline) throws AgentException {
        List<WatchScope> scopes = ctx.dataBreakpoints().scopes();
        if (scopes.isEmpty() || stop.reason() == StopReason.ERROR || stop.reason() == StopReason.EXITED
                || stop.reason() == StopReason.END) {
            return stop;
        }
        long sp = ctx.currentSession().orElseThrow().registers().sp().value();
        List<WatchScope> ended = scopes.stream()
                .filter(s -> Long.compareUnsigned(sp, s.cfa().value()) >= 0).toList();
        return ended.isEmpty() ? stop : end(stop, ended, ctx, timeline);
    }

    /** Drops the data breakpoints of {@code ended} and reports {@code stop} as where they ended. */
    public static Stop end(Stop stop, List<WatchScope> ended, DebugContext ctx, Optional<Timeline> timeline)
            throws AgentException {
        DataBreakpoints table = ctx.dataBreakpoints();
        List<DataBreakpoints.Entry> gone = table.entries().stream()
                .filter(e -> e.scope().isPresent() && ended.contains(e.scope().get())).toList();
        table.replace(table.without(ended));
        if (timeline.isPresent()) {
            timeline.get().setWatches(table.watches());
        } else {
            ctx.currentSession().orElseThrow().setWatches(table.watches());
        }
        String which = gone.stream().map(e -> "Watchpoint " + e.id() + " (" + e.name() + ")")
                .collect(Collectors.joining(", "));
        return stop.as(StopReason.STEP, which + " deleted because the program has left the block in which its"
                + " expression is valid (" + ended.get(0).function() + " returned)");
    }
}
