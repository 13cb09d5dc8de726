/*
 * SetBreakpointsHandler: the breakpoints of one source file: each line is resolved to code
 * addresses (moved to the next line with code, and reported so), or left unverified with the
 * reason (no code there, a file the program does not have, a condition with a syntax error, a
 * malformed hit condition or log message). Conditions, hit conditions and log points are decided
 * at each hit by BreakpointConditions; a breakpoint sent again keeps its id and hit count.
 * Hit conditions (HitCondition): "N" or ">= N" stops at the N-th hit and every later one (gdb's
 * ignore count), "== N" at the N-th only, "% N" at every N-th, "> N", "< N", "<= N" as they read;
 * only hits where the condition, if any, holds are counted. Log messages interpolate {expr}.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.LineAddresses;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.dap.BreakpointOptions;
import dev.rewind.dap.BreakpointTable;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;

public final class SetBreakpointsHandler implements RequestHandler<SetBreakpointsArguments, SetBreakpointsResponse> {
    @Override
    public String command() {
        return "setBreakpoints";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsLogPoints(true);
    }

    @Override
    public SetBreakpointsResponse handle(SetBreakpointsArguments args, DebugContext ctx) throws DapException {
        if (args == null || args.getSource() == null || args.getSource().getPath() == null
                || args.getSource().getPath().isBlank()) {
            throw new DapException(DapError.BAD_ARGUMENTS, "setBreakpoints needs source.path");
        }
        ReplaySession session = ctx.session();
        Source source = args.getSource();
        String path = source.getPath();
        List<SourceBreakpoint> requested = requested(args);
        BreakpointTable table = ctx.breakpoints();
        List<Breakpoint> answer = new ArrayList<>();
        List<BreakpointTable.Entry> entries = new ArrayList<>();
        Set<Integer> taken = BreakpointTable.noneTaken();
        for (SourceBreakpoint sb : requested) {
            Breakpoint bp = new Breakpoint();
            bp.setId(table.idFor("line:" + path + ":" + sb.getLine(), taken));
            bp.setSource(source);
            bp.setLine(sb.getLine());
            Optional<BreakpointOptions> options = Breakpoints.options(bp, sb.getCondition(), sb.getHitCondition(),
                    sb.getLogMessage());
            if (options.isPresent()) {
                resolve(session, path, sb.getLine(), bp, options.get(), entries);
            }
            answer.add(bp);
        }
        table.replaceSource(path, entries);
        Breakpoints.arm(session, table);
        SetBreakpointsResponse response = new SetBreakpointsResponse();
        response.setBreakpoints(answer.toArray(new Breakpoint[0]));
        return response;
    }

    private static void resolve(ReplaySession session, String path, int line, Breakpoint bp, BreakpointOptions options,
                                List<BreakpointTable.Entry> entries) throws DapException {
        if (line <= 0) {
            Breakpoints.unverified(bp, "line " + line + " does not exist");
            return;
        }
        try {
            LineAddresses la = session.lineAddresses(path, line);
            if (la.addresses().isEmpty()) {
                Breakpoints.unverified(bp, "no code at line " + line + " or after it in " + path);
                return;
            }
            bp.setVerified(true);
            bp.setLine(la.actualLine());
            entries.add(new BreakpointTable.Entry(bp.getId(), la.addresses(), options));
        } catch (AgentException e) {
            if (e.code() != AgentErrorCode.NOT_AVAILABLE) {
                throw new DapException(DapError.AGENT_FAILED, "cannot resolve " + path + ":" + line + ": " + e.getMessage(), e);
            }
            Breakpoints.unverified(bp, path + " is not a source file of the program (" + e.getMessage() + ")");
        }
    }

    /** The breakpoints asked for; old clients send only `lines`. */
    private static List<SourceBreakpoint> requested(SetBreakpointsArguments args) {
        List<SourceBreakpoint> out = new ArrayList<>();
        if (args.getBreakpoints() != null) {
            out.addAll(List.of(args.getBreakpoints()));
        } else if (args.getLines() != null) {
            for (int line : args.getLines()) {
                SourceBreakpoint sb = new SourceBreakpoint();
                sb.setLine(line);
                out.add(sb);
            }
        }
        return out;
    }
}
