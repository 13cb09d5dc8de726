/*
 * DisconnectHandler: ends the debugging session: the replay is stopped at once (even mid-run), the
 * agent goes away, and `terminated` follows the response.
 */
package dev.rewind.dap.handlers;

import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;

public final class DisconnectHandler implements RequestHandler<DisconnectArguments, Void> {
    @Override
    public String command() {
        return "disconnect";
    }

    @Override
    public boolean interruptsEngine() {
        return true;
    }

    @Override
    public Void handle(DisconnectArguments args, DebugContext ctx) {
        ctx.endSession();
        ctx.afterResponse(() -> ctx.client().terminated(new TerminatedEventArguments()));
        return null;
    }
}
