/*
 * StepInHandler: step into: to the next line, entering called functions that have line
 * information; one instruction with granularity "instruction".
 */
package dev.rewind.dap.handlers;

import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import dev.rewind.dap.WatchEnds;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;

public final class StepInHandler implements RequestHandler<StepInArguments, Void> {
    @Override
    public String command() {
        return "stepIn";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsSteppingGranularity(true);
    }

    @Override
    public Void handle(StepInArguments args, DebugContext ctx) throws DapException {
        ctx.session();
        ctx.requireStopThread(args == null ? null : args.getThreadId(), "stepIn");
        ctx.session();
        boolean instruction = args != null && args.getGranularity() == SteppingGranularity.INSTRUCTION;
        var timeline = ctx.timeTravel().available();
        ctx.run(s -> WatchEnds.afterStep(instruction ? s.stepInstruction() : s.stepIn(), ctx, timeline));
        return null;
    }
}
