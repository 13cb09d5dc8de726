/*
 * RestartingHandler: wraps every handler of a launched session so that an agent's death (killed,
 * crashed, out of memory) does not end the session (DebugContext.restartAgent):
 *   - found dead before a request runs (it died while the user looked): restart, then the request
 *     runs on the new agent;
 *   - died during a request: restart; a request that only reads or replaces state (RETRIED) runs
 *     once more, any other answers an error saying so (a motion's running part, after the
 *     response, is handled by DebugContext.runFollowUps: it stops where the user was);
 *   - died again within the same request, or before the new agent answered any request: give up
 *     (the session ends with `terminated`).
 * So one request restarts the agent at most once, and a new agent that cannot live is not
 * restarted again: never a loop. After a restart the client is asked to refresh its views
 * (DebugContext.refreshClient). Immediate requests (pause) and those that end the session
 * (disconnect) pass through untouched.
 */
package dev.rewind.dap;

import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.debug.Capabilities;

final class RestartingHandler<A, R> implements RequestHandler<A, R> {
    /** Requests that read the stopped replay or replace a setting: running one twice is harmless. */
    static final Set<String> RETRIED = Set.of("threads", "stackTrace", "scopes", "variables", "evaluate",
            "readMemory", "disassemble", "dataBreakpointInfo", "setBreakpoints", "setFunctionBreakpoints",
            "setDataBreakpoints", "setExceptionBreakpoints", "rewind/position",
            "rewind/processes");

    private final RequestHandler<A, R> inner;

    private RestartingHandler(RequestHandler<A, R> inner) {
        this.inner = inner;
    }

    /** Every handler of {@code handlers}, wrapped. */
    static List<RequestHandler<?, ?>> wrapAll(List<RequestHandler<?, ?>> handlers) {
        return handlers.stream().<RequestHandler<?, ?>>map(RestartingHandler::wrap).toList();
    }

    private static <A, R> RequestHandler<A, R> wrap(RequestHandler<A, R> h) {
        return new RestartingHandler<>(h);
    }

    @Override
    public String command() {
        return inner.command();
    }

    @Override
    public void declare(Capabilities capabilities) {
        inner.declare(capabilities);
    }

    @Override
    public boolean immediate() {
        return inner.immediate();
    }

    @Override
    public boolean interruptsEngine() {
        return inner.interruptsEngine();
    }

    @Override
    public R handle(A arguments, DebugContext ctx) throws DapException {
        if (!ctx.isLaunched() || inner.immediate() || inner.interruptsEngine()) {
            return inner.handle(arguments, ctx);
        }
        Restarts restarts = new Restarts(ctx, command());
        try {
            R result = surviving(arguments, ctx, restarts);
            if (restarts.done) {
                ctx.afterResponse(ctx::refreshClient);
            }
            return result;
        } catch (DapException e) {
            if (restarts.done) {
                ctx.refreshClient(); // now: the follow-ups of a request that fails are dropped
            }
            throw e;
        }
    }

    /** The handler's answer, with the agent restarted before it (found dead) or during it (died). */
    private R surviving(A arguments, DebugContext ctx, Restarts restarts) throws DapException {
        if (ctx.agentDied()) {
            restarts.restart();
        }
        Attempt<R> first = attempt(arguments, ctx);
        if (first.succeeded()) {
            return first.result();
        }
        restarts.restart();
        if (!RETRIED.contains(command())) {
            throw new DapException(DapError.AGENT_FAILED, (first.failure() == null ? "the replay agent died"
                    : first.failure().getMessage()) + " (the replay agent died during '" + command()
                    + "'; a new one stands where you were: try again)");
        }
        Attempt<R> second = attempt(arguments, ctx);
        if (!second.succeeded()) {
            restarts.restart(); // (it gives up)
        }
        return second.result();
    }

    /** The restarts of one request: one at most; the next death within it ends the session. */
    private static final class Restarts {
        private final DebugContext ctx;
        private final String command;
        private boolean done;

        Restarts(DebugContext ctx, String command) {
            this.ctx = ctx;
            this.command = command;
        }

        void restart() throws DapException {
            if (done) {
                ctx.giveUp("the replay agent died again during '" + command + "', right after it was restarted");
                throw new DapException(DapError.AGENT_FAILED, "the replay agent died twice during '" + command
                        + "': the debugging session has ended");
            }
            done = true;
            if (ctx.restartAgent().isEmpty()) {
                throw new DapException(DapError.AGENT_FAILED,
                        "the replay agent died and could not be restarted: the debugging session has ended");
            }
        }
    }

    /** One run of the handler: its result, or the agent's death during it (other failures are thrown). */
    private record Attempt<R>(boolean succeeded, R result, DapException failure) {
    }

    private Attempt<R> attempt(A arguments, DebugContext ctx) throws DapException {
        R result;
        try {
            result = inner.handle(arguments, ctx);
        } catch (DapException e) {
            if (!ctx.agentDied()) {
                ctx.agentAnswered();
                throw e;
            }
            return new Attempt<>(false, null, e);
        }
        // a read that answered (an error inside the body, say) while the agent died is not trusted
        if (ctx.agentDied() && RETRIED.contains(command())) {
            return new Attempt<>(false, null, null);
        }
        ctx.agentAnswered();
        return new Attempt<>(true, result, null);
    }
}
