/*
 * SetDataBreakpointsHandler: replaces the data breakpoints: each dataId (from dataBreakpointInfo)
 * becomes a watch of its bytes, which stops the replay after any store that changes them, going
 * forwards (continue, steps) and backwards (reverse-continue: "when did this last change"). Write
 * access only, no conditions (unverified with the reason otherwise); at most 32 at once.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.Watch;
import dev.rewind.dap.BreakpointTable;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DataBreakpoints;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsResponse;

public final class SetDataBreakpointsHandler
        implements RequestHandler<SetDataBreakpointsArguments, SetDataBreakpointsResponse> {
    @Override
    public String command() {
        return "setDataBreakpoints";
    }

    @Override
    public SetDataBreakpointsResponse handle(SetDataBreakpointsArguments args, DebugContext ctx) throws DapException {
        if (args == null || args.getBreakpoints() == null) {
            throw new DapException(DapError.BAD_ARGUMENTS, "setDataBreakpoints needs breakpoints (an empty list clears them)");
        }
        ctx.session();
        DataBreakpoints table = ctx.dataBreakpoints();
        Set<Integer> taken = BreakpointTable.noneTaken();
        List<Breakpoint> answer = new ArrayList<>();
        List<DataBreakpoints.Entry> entries = new ArrayList<>();
        List<Watch> distinct = new ArrayList<>();
        for (DataBreakpoint db : args.getBreakpoints()) {
            Breakpoint bp = new Breakpoint();
            bp.setId(ctx.breakpoints().idFor("data:" + db.getDataId(), taken));
            answer.add(bp);
            Optional<Watch> watch = DataBreakpoints.parse(db.getDataId());
            if (watch.isEmpty()) {
                Breakpoints.unverified(bp, "'" + db.getDataId() + "' is not a dataId from dataBreakpointInfo");
            } else if (db.getAccessType() != null && db.getAccessType() != DataBreakpointAccessType.WRITE) {
                Breakpoints.unverified(bp, "only write access can be watched: page protection sees stores, not loads");
            } else if (db.getCondition() != null && !db.getCondition().isBlank()
                    || db.getHitCondition() != null && !db.getHitCondition().isBlank()) {
                Breakpoints.unverified(bp, "conditions and hit conditions on data breakpoints are not supported");
            } else if (!distinct.contains(watch.get()) && distinct.size() >= Watch.MAX_COUNT) {
                Breakpoints.unverified(bp, "at most " + Watch.MAX_COUNT + " data breakpoints at once");
            } else {
                bp.setVerified(true);
                entries.add(new DataBreakpoints.Entry(bp.getId(), watch.get(), table.nameOf(db.getDataId()),
                        table.scopeOf(db.getDataId())));
                if (!distinct.contains(watch.get())) {
                    distinct.add(watch.get());
                }
            }
        }
        try {
            // through the Timeline when there is one: a stop made by the old set stays reachable
            var timeline = ctx.timeTravel().available();
            if (timeline.isPresent()) {
                timeline.get().setWatches(distinct);
            } else {
                ctx.session().setWatches(distinct);
            }
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot set the data breakpoints: " + e.getMessage(), e);
        }
        table.replace(entries);
        SetDataBreakpointsResponse response = new SetDataBreakpointsResponse();
        response.setBreakpoints(answer.toArray(new Breakpoint[0]));
        return response;
    }
}
