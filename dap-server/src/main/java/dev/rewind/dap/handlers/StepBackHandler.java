/*
 * StepBackHandler: back to the previous line executed in the current frame (calls stepped over;
 * at a function's first line: back to the call in the caller), or one machine instruction with
 * granularity "instruction".
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.timeline.Timeline;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;

public final class StepBackHandler implements RequestHandler<StepBackArguments, Void> {
    @Override
    public String command() {
        return "stepBack";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsStepBack(true);
    }

    @Override
    public Void handle(StepBackArguments args, DebugContext ctx) throws DapException {
        ctx.session();
        ctx.requireStopThread(args == null ? null : args.getThreadId(), "stepBack");
        Timeline timeline = ctx.timeTravel().timeline();
        boolean instruction = args != null && args.getGranularity() == SteppingGranularity.INSTRUCTION;
        ctx.run(stepper -> instruction ? timeline.stepBackInstruction() : timeline.stepBack());
        return null;
    }
}
