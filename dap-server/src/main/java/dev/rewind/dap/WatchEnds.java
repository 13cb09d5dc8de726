/*
 * WatchEnds: ends the data breakpoints of watched locals whose frame has returned (WatchScope), as
 * gdb does ("Watchpoint N deleted because the program has left the block in which its expression
 * is valid"): drops them, re-arms the rest, and says so on the stop. A continue finds the return
 * itself (WatchLifetimes); after a forward step the stack pointer tells: a step that began in or
 * under the frame (sp below its CFA) and stands at or above the CFA has left it. Backwards, a
 * change found before the frame was entered is not reported: the replay stops where the frame
 * was entered (its first line), and the watch ends there.
 */
package dev.rewind.dap;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.Frame;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.timeline.Position;
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
        return ended.isEmpty() ? stop : end(stop, ended, ctx, timeline, "returned");
    }

    /** Drops the data breakpoints of {@code ended} and reports {@code stop} as where they ended. */
    public static Stop end(Stop stop, List<WatchScope> ended, DebugContext ctx, Optional<Timeline> timeline,
            String how) throws AgentException {
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
                + " expression is valid (" + ended.get(0).function() + " " + how + ")");
    }

    /** The most frames compared to tell whether a watched local's frame is live. */
    private static final int FRAMES = 256;

    /**
     * Reverse-continues; when the change found lies outside the frame of a watched local that is
     * live now (its frame, by CFA, function and return address, is not on the stack there), goes
     * instead to where the innermost such frame was entered and ends its watches there. Nothing
     * stops between that change and now, so the frame's entry, which lies between, is the answer.
     * Frames called again from the same call site at the same depth are not told apart.
     */
    public static Stop reverseContinue(Timeline timeline, DebugContext ctx) throws AgentException {
        List<WatchScope> scopes = ctx.dataBreakpoints().scopes();
        if (scopes.isEmpty()) {
            return timeline.reverseContinue();
        }
        var session = ctx.currentSession().orElseThrow();
        Position start = timeline.position();
        List<Frame> before = session.stack(FRAMES);
        Stop found = timeline.reverseContinue();
        if (found.reason() != StopReason.WATCH) {
            return found;
        }
        List<Frame> at = session.stack(FRAMES);
        int innermost = -1;
        WatchScope left = null;
        for (WatchScope s : scopes) {
            int k = liveAt(before, s);
            if (k >= 0 && liveAt(at, s) < 0 && (innermost < 0 || k < innermost)) {
                innermost = k;
                left = s;
            }
        }
        if (left == null) {
            return found;
        }
        WatchScope frame = left;
        timeline.seek(start);
        Stop entry = timeline.frameEntry(innermost);
        List<WatchScope> ended = scopes.stream().filter(s -> s.cfa().equals(frame.cfa())).toList();
        return end(entry, ended, ctx, Optional.of(timeline), "entered here: the change found was before it");
    }

    /** The index of {@code scope}'s frame in {@code frames}, or -1. */
    private static int liveAt(List<Frame> frames, WatchScope scope) {
        for (int j = 0; j + 1 < frames.size(); j++) {
            Frame f = frames.get(j);
            if (!f.inlined() && f.cfa().equals(scope.cfa()) && f.function().equals(scope.function())
                    && frames.get(j + 1).pc().equals(scope.returnAddress())) {
                return j;
            }
        }
        return -1;
    }
}
