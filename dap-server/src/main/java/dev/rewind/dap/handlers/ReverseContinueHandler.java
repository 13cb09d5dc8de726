/*
 * ReverseContinueHandler: runs the replay backwards to the last breakpoint hit before now (the
 * breakpoints' conditions and hit counts applied), or to the start of the recording (reason
 * "entry") when there is none; the Timeline finds it by replaying forwards from save points. A
 * watched local's changes from before its frame was entered are not reported (WatchEnds).
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.timeline.Timeline;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import dev.rewind.dap.WatchEnds;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;

public final class ReverseContinueHandler implements RequestHandler<ReverseContinueArguments, Void> {
    @Override
    public String command() {
        return "reverseContinue";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsStepBack(true);
    }

    @Override
    public Void handle(ReverseContinueArguments args, DebugContext ctx) throws DapException {
        Timeline timeline = ctx.timeTravel().timeline();
        ctx.run(stepper -> WatchEnds.reverseContinue(timeline, ctx));
        return null;
    }
}
