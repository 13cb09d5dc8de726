/*
 * SeekHandler: the custom request `rewind/seek` {event}: travels to the boundary of that event
 * (before it is replayed), forwards or backwards; stopped event reason "step" ("entry" at the start).
 * An event past the end of the recording stops at its end, as a continue to the end does. With
 * {event, pc, hitCount} (a position from `rewind/hits`): to the hitCount-th arrival at pc after that
 * boundary; a position the replay never reaches is an error stop, and the replay stays usable.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.timeline.Position;
import dev.rewind.core.timeline.Timeline;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.Map;

public final class SeekHandler implements RequestHandler<Map<String, Object>, Void> {
    @Override
    public String command() {
        return "rewind/seek";
    }

    @Override
    public Void handle(Map<String, Object> args, DebugContext ctx) throws DapException {
        Object event = args == null ? null : args.get("event");
        if (!(event instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() != Math.floor(n.doubleValue())) {
            throw new DapException(DapError.BAD_ARGUMENTS, "rewind/seek needs an event number >= 0, got " + event);
        }
        Timeline timeline = ctx.timeTravel().timeline();
        long target = n.longValue();
        Object pc = args.get("pc");
        Object hitCount = args.get("hitCount");
        if (pc == null && hitCount == null) {
            ctx.run(stepper -> travel(timeline, target));
            return null;
        }
        Position at = Position.at(EventIndex.of(target), address(pc), hitCount(hitCount));
        ctx.run(stepper -> timeline.seek(at).as(StopReason.STEP, ""));
        return null;
    }

    private static RemoteAddress address(Object pc) throws DapException {
        if (pc instanceof String s && s.startsWith("0x") && s.length() > 2 && s.length() <= 18) {
            try {
                return RemoteAddress.of(Long.parseUnsignedLong(s.substring(2), 16));
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new DapException(DapError.BAD_ARGUMENTS, "rewind/seek: \"pc\" must be an address like \"0x401136\", got " + pc);
    }

    private static int hitCount(Object v) throws DapException {
        if (v instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= Integer.MAX_VALUE
                && n.doubleValue() == Math.floor(n.doubleValue())) {
            return n.intValue();
        }
        throw new DapException(DapError.BAD_ARGUMENTS, "rewind/seek: \"hitCount\" must be a whole number >= 1 with \"pc\", got " + v);
    }

    /** Travels to the boundary of {@code event}: a STEP stop there, ENTRY at the start, the end's own stop past it. */
    public static Stop travel(Timeline timeline, long event) throws AgentException {
        Stop stop = timeline.seekEvent(EventIndex.of(event));
        Position at = timeline.position();
        if (at.kind() == Position.Kind.END) {
            return stop; // past the end: the end-of-recording stop, as a continue to the end reports it
        }
        return at.equals(timeline.start()) ? stop.as(StopReason.ENTRY, "") : stop.as(StopReason.STEP, "");
    }
}
