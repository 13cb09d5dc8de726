/*
 * ContinueHandler: runs the replay forwards to the next breakpoint, fault or the end, through the
 * Timeline (it places save points at the event boundaries passed, so going back later is cheap);
 * through the Stepper alone when the session has no Timeline.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.session.Stepper;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;

public final class ContinueHandler implements RequestHandler<ContinueArguments, ContinueResponse> {
    @Override
    public String command() {
        return "continue";
    }

    @Override
    public ContinueResponse handle(ContinueArguments args, DebugContext ctx) throws DapException {
        ctx.session();
        var timeline = ctx.timeTravel().available();
        if (timeline.isPresent()) {
            ctx.run(stepper -> timeline.get().resume());
        } else {
            ctx.run(Stepper::resume);
        }
        ContinueResponse response = new ContinueResponse();
        response.setAllThreadsContinued(true);
        return response;
    }
}
