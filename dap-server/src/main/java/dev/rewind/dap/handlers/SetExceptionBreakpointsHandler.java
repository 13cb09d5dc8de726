/*
 * SetExceptionBreakpointsHandler: accepted with nothing to configure: faults (SIGSEGV...) always
 * stop the replay with reason "exception"; no filters are offered.
 */
package dev.rewind.dap.handlers;

import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;

public final class SetExceptionBreakpointsHandler
        implements RequestHandler<SetExceptionBreakpointsArguments, SetExceptionBreakpointsResponse> {
    @Override
    public String command() {
        return "setExceptionBreakpoints";
    }

    @Override
    public SetExceptionBreakpointsResponse handle(SetExceptionBreakpointsArguments args, DebugContext ctx) {
        return new SetExceptionBreakpointsResponse();
    }
}
