/*
 * NextHandler: step over: to the next line of this function (calls run to their return), or one
 * instruction (stepping over calls) with granularity "instruction".
 */
package dev.rewind.dap.handlers;

import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import dev.rewind.dap.WatchEnds;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;

public final class NextHandler implements RequestHandler<NextArguments, Void> {
    @Override
    public String command() {
        return "next";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsSteppingGranularity(true);
    }

    @Override
    public Void handle(NextArguments args, DebugContext ctx) throws DapException {
        ctx.session();
        ctx.requireStopThread(args == null ? null : args.getThreadId(), "next");
        ctx.session();
        boolean instruction = args != null && args.getGranularity() == SteppingGranularity.INSTRUCTION;
        var timeline = ctx.timeTravel().available();
        ctx.run(s -> WatchEnds.afterStep(instruction ? s.nextInstruction() : s.next(), ctx, timeline));
        return null;
    }
}
