/*
 * ContinueHandler: runs the replay forwards to the next breakpoint, fault or the end, through the
 * Timeline (it places save points at the event boundaries passed, so going back later is cheap);
 * through the Stepper alone when the session has no Timeline. While data breakpoints watch locals
 * it stops too where a watched local's frame returns, says so as gdb does and drops them
 * (WatchLifetimes).
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.Stepper;
import dev.rewind.core.session.Stop;
import dev.rewind.core.timeline.Timeline;
import dev.rewind.core.timeline.WatchLifetimes;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import dev.rewind.dap.WatchEnds;
import java.util.Optional;
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
            ctx.run(stepper -> resume(timeline.get(), ctx));
        } else {
            ctx.run(Stepper::resume);
        }
        ContinueResponse response = new ContinueResponse();
        response.setAllThreadsContinued(true);
        return response;
    }

    /** Continues, ending the data breakpoints of watched locals whose frame returned on the way. */
    static Stop resume(Timeline timeline, DebugContext ctx) throws AgentException {
        WatchLifetimes.Result r = WatchLifetimes.resume(timeline, ctx.dataBreakpoints().scopes());
        if (r.ended().isEmpty()) {
            return r.stop();
        }
        return WatchEnds.end(r.stop(), r.ended(), ctx, Optional.of(timeline), "returned");
    }
}
