/*
 * PauseHandler: interrupts a running replay (continue, or a long step): answered at once, not
 * queued behind the running motion, which then stops with reason "pause". While the replay is
 * stopped there is nothing to pause.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.Optional;
import org.eclipse.lsp4j.debug.PauseArguments;

public final class PauseHandler implements RequestHandler<PauseArguments, Void> {
    @Override
    public String command() {
        return "pause";
    }

    @Override
    public boolean immediate() {
        return true;
    }

    @Override
    public Void handle(PauseArguments args, DebugContext ctx) throws DapException {
        Optional<ReplaySession> session = ctx.currentSession();
        if (session.isEmpty()) {
            throw new DapException(DapError.NOT_LAUNCHED, "no program is being debugged yet: send 'launch' first");
        }
        try {
            session.get().pause();
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot pause the replay: " + e.getMessage(), e);
        }
        return null;
    }
}
