/*
 * ReverseStepOutHandler: the custom request `rewind/reverseStepOut`: back to the call in the
 * caller, before the current function was entered (stopped event reason "step").
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.timeline.Timeline;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.Map;

public final class ReverseStepOutHandler implements RequestHandler<Map<String, Object>, Void> {
    @Override
    public String command() {
        return "rewind/reverseStepOut";
    }

    @Override
    public Void handle(Map<String, Object> args, DebugContext ctx) throws DapException {
        Timeline timeline = ctx.timeTravel().timeline();
        ctx.run(stepper -> timeline.reverseStepOut());
        return null;
    }
}
