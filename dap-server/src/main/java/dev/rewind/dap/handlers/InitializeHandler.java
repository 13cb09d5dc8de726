/*
 * InitializeHandler: answers initialize with the capabilities of the registered handlers. The
 * initialized event follows launch, once breakpoints can be resolved against the program. Whether
 * the client takes `invalidated` events is remembered (DebugContext.refreshClient).
 */
package dev.rewind.dap.handlers;

import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;

public final class InitializeHandler implements RequestHandler<InitializeRequestArguments, Capabilities> {
    @Override
    public String command() {
        return "initialize";
    }

    @Override
    public Capabilities handle(InitializeRequestArguments arguments, DebugContext ctx) {
        ctx.clientTakesInvalidated(arguments != null && Boolean.TRUE.equals(arguments.getSupportsInvalidatedEvent()));
        return ctx.dispatcher().capabilities();
    }
}
