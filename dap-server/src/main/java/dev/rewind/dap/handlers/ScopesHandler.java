/*
 * ScopesHandler: the scopes of a frame: Locals (parameters and locals), Globals (of the frame's
 * compilation unit) and, for the innermost frame, Registers.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import dev.rewind.dap.VariableHandles;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopePresentationHint;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;

public final class ScopesHandler implements RequestHandler<ScopesArguments, ScopesResponse> {
    @Override
    public String command() {
        return "scopes";
    }

    @Override
    public ScopesResponse handle(ScopesArguments args, DebugContext ctx) throws DapException {
        if (args == null) {
            throw new DapException(DapError.BAD_ARGUMENTS, "scopes needs a frameId");
        }
        int index = args.getFrameId() - 1;
        try {
            ctx.frame(index);
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot read the call stack: " + e.getMessage(), e);
        }
        VariableHandles handles = ctx.handles();
        List<Scope> scopes = new ArrayList<>();
        scopes.add(scope("Arguments", ScopePresentationHint.ARGUMENTS,
                handles.add(new VariableHandles.ArgumentsOf(index))));
        scopes.add(scope("Locals", ScopePresentationHint.LOCALS, handles.add(new VariableHandles.LocalsOf(index))));
        scopes.add(scope("Globals", null, handles.add(new VariableHandles.GlobalsOf(index))));
        if (index % dev.rewind.dap.ThreadView.FRAME_STRIDE == 0) { // a thread's innermost frame
            scopes.add(scope("Registers", ScopePresentationHint.REGISTERS,
                    handles.add(new VariableHandles.RegistersOf(index))));
        }
        ScopesResponse response = new ScopesResponse();
        response.setScopes(scopes.toArray(new Scope[0]));
        return response;
    }

    private static Scope scope(String name, String hint, int reference) {
        Scope s = new Scope();
        s.setName(name);
        s.setVariablesReference(reference);
        s.setExpensive(false);
        if (hint != null) {
            s.setPresentationHint(hint);
        }
        return s;
    }
}
