/*
 * EvaluateHandler: watch, hover and repl evaluation of C expressions (dev.rewind.core.eval) in the
 * selected frame: names in scope order, operators, casts, sizeof; evaluation never changes the
 * replay. A result shows and expands like a variable (a pointer's target, a struct's members); an
 * expression that cannot be evaluated gets its one-line reason as the error message.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.eval.EvalException;
import dev.rewind.core.eval.Evaluator;
import dev.rewind.core.values.Value;
import dev.rewind.dap.BreakpointOptions;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;

public final class EvaluateHandler implements RequestHandler<EvaluateArguments, EvaluateResponse> {
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
        ctx.session();
        String expression = args.getExpression().strip();
        int frame = args.getFrameId() == null ? 0 : args.getFrameId() - 1;
        try {
            ctx.frame(frame);
            Evaluator evaluator = ctx.evaluator(frame);
            Value v = evaluator.show(expression, ctx.formatter());
            return DapValues.evaluated(v, ctx.handles(), evaluator.callFormatter());
        } catch (EvalException e) {
            throw new DapException(DapError.EVALUATION_FAILED, e.getMessage());
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot evaluate '" + BreakpointOptions.shown(expression)
                    + "': " + e.getMessage(), e);
        }
    }
}
