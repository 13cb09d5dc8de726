/*
 * StackTraceHandler: the call stack at the current stop, innermost first: function names (also for
 * library frames without debug information), source files and lines, pcs. Frame ids are the frame
 * index + 1, valid until the replay runs again.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.Frame;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;

public final class StackTraceHandler implements RequestHandler<StackTraceArguments, StackTraceResponse> {
    @Override
    public String command() {
        return "stackTrace";
    }

    @Override
    public StackTraceResponse handle(StackTraceArguments args, DebugContext ctx) throws DapException {
        List<Frame> frames;
        Integer threadId = args == null ? null : args.getThreadId();
        int tid;
        try {
            tid = ctx.threads().agentTid(threadId);
            frames = ctx.framesOf(tid);
        } catch (AgentException e) {
            if (e.code() == dev.rewind.core.agent.AgentErrorCode.NOT_AVAILABLE && threadId != null) {
                throw new DapException(DapError.NOT_FOUND, "thread " + threadId + " does not exist at this moment", e);
            }
            throw new DapException(DapError.AGENT_FAILED, "cannot read the call stack: " + e.getMessage(), e);
        }
        int start = args == null || args.getStartFrame() == null ? 0 : Math.max(0, args.getStartFrame());
        int levels = args == null || args.getLevels() == null || args.getLevels() <= 0 ? frames.size() : args.getLevels();
        List<StackFrame> out = new ArrayList<>();
        try {
            for (int i = start; i < frames.size() && out.size() < levels; i++) {
                out.add(toDap(ctx.threads().frameId(threadId, i), frames.get(i)));
            }
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot list the threads: " + e.getMessage(), e);
        }
        StackTraceResponse response = new StackTraceResponse();
        response.setStackFrames(out.toArray(new StackFrame[0]));
        response.setTotalFrames(frames.size());
        return response;
    }

    private static StackFrame toDap(int id, Frame f) {
        StackFrame sf = new StackFrame();
        sf.setId(id);
        String name = f.function().isEmpty() ? "?? (" + f.pc() + ")" : f.function();
        if (!f.hasDebugInfo() && !f.module().isEmpty()) {
            name += " [" + Path.of(f.module()).getFileName() + "]";
        }
        if (f.inlined()) {
            name += " (inlined)";
        }
        sf.setName(name);
        sf.setInstructionPointerReference(f.pc().toString());
        if (f.hasLine()) {
            Source source = new Source();
            source.setPath(f.file());
            source.setName(Path.of(f.file()).getFileName().toString());
            sf.setSource(source);
            sf.setLine(f.line());
            sf.setColumn(Math.max(1, f.column()));
        } else {
            sf.setLine(0);
            sf.setColumn(0);
            sf.setPresentationHint(StackFramePresentationHint.SUBTLE);
        }
        return sf;
    }
}
