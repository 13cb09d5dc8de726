/*
 * EvaluateHandler: watch, hover and repl evaluation. For now an expression is a variable name: a
 * local of the frame (inner blocks first) or a global of its compilation unit; anything else gets
 * a clear error. A C expression evaluator comes later; evaluation never changes the replay.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Variable;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;

public final class EvaluateHandler implements RequestHandler<EvaluateArguments, EvaluateResponse> {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Override
    public String command() {
        return "evaluate";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsEvaluateForHovers(true);
    }

    @Override
    public EvaluateResponse handle(EvaluateArguments args, DebugContext ctx) throws DapException {
        if (args == null || args.getExpression() == null) {
            throw new DapException(DapError.BAD_ARGUMENTS, "evaluate needs an expression");
        }
        ReplaySession session = ctx.session();
        String expression = args.getExpression().strip();
        if (!IDENTIFIER.matcher(expression).matches()) {
            throw new DapException(DapError.BAD_ARGUMENTS, "cannot evaluate '" + expression
                    + "': only variable names can be evaluated for now");
        }
        int frame = args.getFrameId() == null ? 0 : args.getFrameId() - 1;
        try {
            ctx.frame(frame);
            Optional<Variable> v = Symbols.lookup(session, frame, expression);
            if (v.isEmpty()) {
                throw new DapException(DapError.NOT_FOUND, "no symbol '" + expression + "' in this context");
            }
            return DapValues.evaluated(ctx.formatter().ofVariable(v.get()), ctx.handles());
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot evaluate '" + expression + "': " + e.getMessage(), e);
        }
    }
}
