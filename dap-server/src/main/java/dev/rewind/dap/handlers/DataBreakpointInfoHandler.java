/*
 * DataBreakpointInfoHandler: whether `name` can be watched, and the dataId to watch it with: a
 * variable of a scope or a child of a value (variablesReference), or a C expression evaluated in a
 * frame (no variablesReference). What can be watched is an lvalue in memory of 1 to 4096 bytes;
 * writes only (page protection sees stores, not loads). Anything else gets no dataId and the
 * reason as the description. Bytes in a frame on the stack are that frame's (WatchScope): the data
 * breakpoint ends when the frame returns.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.eval.EvalException;
import dev.rewind.core.eval.Evaluator;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Frame;
import dev.rewind.core.session.Watch;
import dev.rewind.core.timeline.WatchScope;
import dev.rewind.core.values.Expansion;
import dev.rewind.core.values.Value;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DataBreakpoints;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import dev.rewind.dap.VariableHandles;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;

public final class DataBreakpointInfoHandler
        implements RequestHandler<DataBreakpointInfoArguments, DataBreakpointInfoResponse> {
    @Override
    public String command() {
        return "dataBreakpointInfo";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsDataBreakpoints(true);
    }

    @Override
    public DataBreakpointInfoResponse handle(DataBreakpointInfoArguments args, DebugContext ctx) throws DapException {
        if (args == null || args.getName() == null || args.getName().isBlank()) {
            throw new DapException(DapError.BAD_ARGUMENTS, "dataBreakpointInfo needs a name");
        }
        String name = args.getName().strip();
        DataBreakpointInfoResponse response = new DataBreakpointInfoResponse();
        try {
            Evaluator.Memory m = memory(args, name, ctx);
            if (m.size() > Watch.MAX_LENGTH) {
                response.setDescription("'" + name + "' is " + m.size() + " bytes: at most " + Watch.MAX_LENGTH
                        + " bytes can be watched");
                return response;
            }
            String dataId = DataBreakpoints.dataId(m.address(), m.size());
            ctx.dataBreakpoints().name(dataId, name);
            ctx.dataBreakpoints().scope(dataId, scope(new Watch(m.address(), (int) m.size()), ctx));
            response.setDataId(dataId);
            response.setDescription(name + " (" + m.size() + " bytes at " + m.address() + ")");
            response.setAccessTypes(new DataBreakpointAccessType[] {DataBreakpointAccessType.WRITE});
            response.setCanPersist(false);
        } catch (EvalException e) {
            response.setDescription(e.getMessage());
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot look '" + name + "' up: " + e.getMessage(), e);
        }
        return response;
    }

    private static Evaluator.Memory memory(DataBreakpointInfoArguments args, String name, DebugContext ctx)
            throws DapException, EvalException, AgentException {
        Integer ref = args.getVariablesReference();
        if (ref == null || ref == 0) {
            int frame = args.getFrameId() == null ? 0 : args.getFrameId() - 1;
            return ctx.evaluator(frame).lvalue(name);
        }
        VariableHandles.Target target = ctx.handles().get(ref).orElseThrow(() -> new DapException(DapError.NOT_FOUND,
                "variablesReference " + ref + " is not valid at this stop"));
        if (target instanceof VariableHandles.LocalsOf l) {
            return ctx.evaluator(l.frameIndex()).lvalue(name);
        }
        if (target instanceof VariableHandles.ArgumentsOf a) {
            return ctx.evaluator(a.frameIndex()).lvalue(name);
        }
        if (target instanceof VariableHandles.GlobalsOf g) {
            return ctx.evaluator(g.frameIndex()).lvalue(name);
        }
        if (target instanceof VariableHandles.ChildrenOf c) {
            return child(c.expansion(), name, ctx);
        }
        throw new EvalException("registers cannot be watched, only memory");
    }

    /** A member, element or pointee of an expanded value. */
    private static Evaluator.Memory child(Expansion e, String name, DebugContext ctx)
            throws DapException, EvalException, AgentException {
        Evaluator sizes = ctx.evaluator(0);
        long size;
        List<Value> children;
        if (e instanceof Expansion.Elements el) {
            long index = index(name);
            if (index < 0 || index >= el.count()) {
                throw new EvalException("'" + name + "' is not an element of this array");
            }
            size = el.elementSize();
            children = ctx.formatter().children(e, index, 1);
        } else if (e instanceof Expansion.Members m) {
            Optional<Integer> type = sizes.memberType(m.typeId(), name);
            if (type.isEmpty()) {
                throw new EvalException("'" + name + "' is a bitfield or not a member: only whole bytes can be watched");
            }
            size = sizes.sizeOf(type.get());
            children = ctx.formatter().children(e, 0, -1);
        } else {
            Expansion.Pointee p = (Expansion.Pointee) e;
            size = sizes.sizeOf(p.typeId());
            children = ctx.formatter().children(e, 0, -1);
        }
        for (Value v : children) {
            if (v.name().equals(name) && v.address().isPresent() && size > 0) {
                return new Evaluator.Memory(v.address().get(), size);
            }
        }
        throw new EvalException("'" + name + "' is not in memory");
    }

    /** Below the stack pointer, the bytes a function may use without moving it (the x86-64 red zone). */
    private static final long RED_ZONE = 128;

    /**
     * The frame whose stack area holds {@code w}'s bytes: frame j's lies between the CFA of the
     * frame it called (the stack pointer, for the innermost) and its own CFA. An inlined frame's
     * bytes are its physical frame's. Empty off the listed frames' stack or without a caller.
     */
    private static Optional<WatchScope> scope(Watch w, DebugContext ctx) throws DapException, AgentException {
        List<Frame> frames = ctx.frames();
        long sp = ctx.session().registers().sp().value();
        long start = w.address().value();
        long end = start + w.length();
        if (frames.isEmpty() || Long.compareUnsigned(start, sp - RED_ZONE) < 0) {
            return Optional.empty();
        }
        for (int j = 0; j < frames.size(); j++) {
            if (Long.compareUnsigned(start, frames.get(j).cfa().value()) < 0) {
                if (Long.compareUnsigned(end, frames.get(j).cfa().value()) > 0) {
                    return Optional.empty(); // across two frames' areas: no one frame's
                }
                int physical = j;
                while (physical < frames.size() && frames.get(physical).inlined()) {
                    physical++;
                }
                if (physical + 1 >= frames.size()) {
                    return Optional.empty();
                }
                Frame f = frames.get(physical);
                RemoteAddress back = frames.get(physical + 1).pc();
                return Optional.of(new WatchScope(w, f.cfa(), back, f.function()));
            }
        }
        return Optional.empty();
    }

    /** The index of an element name "[i]", or -1. */
    private static long index(String name) {
        if (name.length() < 3 || name.charAt(0) != '[' || name.charAt(name.length() - 1) != ']') {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(1, name.length() - 1));
        } catch (NumberFormatException x) {
            return -1;
        }
    }
}
