/*
 * StepOutHandler: runs until the current function returns, stopping in the caller just after the
 * call (breakpoints on the way stop first).
 */
package dev.rewind.dap.handlers;

import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import dev.rewind.dap.WatchEnds;
import org.eclipse.lsp4j.debug.StepOutArguments;

public final class StepOutHandler implements RequestHandler<StepOutArguments, Void> {
    @Override
    public String command() {
        return "stepOut";
    }

    @Override
    public Void handle(StepOutArguments args, DebugContext ctx) throws DapException {
        ctx.session();
        ctx.requireStopThread(args == null ? null : args.getThreadId(), "stepOut");
        ctx.session();
        var timeline = ctx.timeTravel().available();
        ctx.run(s -> WatchEnds.afterStep(s.stepOut(), ctx, timeline));
        return null;
    }
}
