/*
 * SetFunctionBreakpointsHandler: breakpoints on functions by name, at the end of each function's
 * prologue (every function of that name, in every loaded module: the program's and its libraries'
 * `free`, `write`), with a condition and a hit condition as line breakpoints have; unverified with a
 * reason when none exists or an option is malformed. At the start of the recording the libraries
 * are not mapped yet: their functions are found by looking ahead (LibraryFunctions).
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.dap.BreakpointOptions;
import dev.rewind.dap.BreakpointTable;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;

public final class SetFunctionBreakpointsHandler
        implements RequestHandler<SetFunctionBreakpointsArguments, SetFunctionBreakpointsResponse> {
    @Override
    public String command() {
        return "setFunctionBreakpoints";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsFunctionBreakpoints(true);
    }

    @Override
    public SetFunctionBreakpointsResponse handle(SetFunctionBreakpointsArguments args, DebugContext ctx)
            throws DapException {
        if (args == null || args.getBreakpoints() == null) {
            throw new DapException(DapError.BAD_ARGUMENTS, "setFunctionBreakpoints needs breakpoints");
        }
        ReplaySession session = ctx.session();
        BreakpointTable table = ctx.breakpoints();
        List<Breakpoint> answer = new ArrayList<>();
        List<BreakpointTable.Entry> entries = new ArrayList<>();
        Set<Integer> taken = BreakpointTable.noneTaken();
        Map<String, List<RemoteAddress>> resolved = resolve(ctx, session, args.getBreakpoints());
        for (FunctionBreakpoint fb : args.getBreakpoints()) {
            Breakpoint bp = new Breakpoint();
            String name = fb.getName() == null ? "" : fb.getName().strip();
            bp.setId(table.idFor("function:" + name, taken));
            Optional<BreakpointOptions> options = name.isEmpty() ? Optional.empty()
                    : Breakpoints.options(bp, fb.getCondition(), fb.getHitCondition(), null);
            if (name.isEmpty()) {
                Breakpoints.unverified(bp, "a function breakpoint needs a function name");
            } else if (options.isPresent()) {
                List<RemoteAddress> addresses = resolved.getOrDefault(name, List.of());
                if (addresses.isEmpty()) {
                    Breakpoints.unverified(bp, "no function named '" + name + "' in the program");
                } else {
                    bp.setVerified(true);
                    bp.setInstructionReference(addresses.get(0).toString());
                    entries.add(new BreakpointTable.Entry(bp.getId(), addresses, options.get()));
                }
            }
            answer.add(bp);
        }
        table.replaceFunctions(entries);
        Breakpoints.arm(session, table);
        SetFunctionBreakpointsResponse response = new SetFunctionBreakpointsResponse();
        response.setBreakpoints(answer.toArray(new Breakpoint[0]));
        return response;
    }

    /** The addresses of every named function: in the modules mapped now, else once the libraries are. */
    private static Map<String, List<RemoteAddress>> resolve(DebugContext ctx, ReplaySession session,
                                                            FunctionBreakpoint[] breakpoints) throws DapException {
        Map<String, List<RemoteAddress>> resolved = new HashMap<>();
        List<String> missing = new ArrayList<>();
        try {
            for (FunctionBreakpoint fb : breakpoints) {
                String name = fb.getName() == null ? "" : fb.getName().strip();
                if (name.isEmpty() || resolved.containsKey(name)) {
                    continue;
                }
                List<RemoteAddress> at = LibraryFunctions.addresses(session, name);
                resolved.put(name, at);
                if (at.isEmpty()) {
                    missing.add(name);
                }
            }
            resolved.putAll(LibraryFunctions.lookAhead(session, ctx.timeTravel().available(), missing));
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot look up functions: " + e.getMessage(), e);
        }
        return resolved;
    }
}
