/*
 * RestartFrameHandler: travels back to the moment the chosen frame was entered (its function's
 * first line, with the arguments of that call); nothing is re-executed, the past is replayed.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.timeline.Timeline;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.RestartFrameArguments;

public final class RestartFrameHandler implements RequestHandler<RestartFrameArguments, Void> {
    @Override
    public String command() {
        return "restartFrame";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsRestartFrame(true);
    }

    @Override
    public Void handle(RestartFrameArguments args, DebugContext ctx) throws DapException {
        if (args == null || args.getFrameId() < 1) {
            throw new DapException(DapError.BAD_ARGUMENTS, "restartFrame needs a frameId from stackTrace");
        }
        Timeline timeline = ctx.timeTravel().timeline();
        int index = args.getFrameId() - 1;
        if (index >= dev.rewind.dap.ThreadView.FRAME_STRIDE) {
            throw new DapException(DapError.BAD_ARGUMENTS, "restartFrame works on the frames of the thread that "
                    + "runs at this moment; this frame is another thread's");
        }
        ctx.run(stepper -> timeline.frameEntry(index));
        return null;
    }
}
