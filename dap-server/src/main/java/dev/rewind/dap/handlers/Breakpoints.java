/*
 * Breakpoints: what the breakpoint handlers share: arming the table's addresses in the replay,
 * unverified answers, and reading a breakpoint's options (a bad one leaves it unverified).
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.dap.BreakpointOptions;
import dev.rewind.dap.BreakpointTable;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import java.util.Optional;
import org.eclipse.lsp4j.debug.Breakpoint;

final class Breakpoints {
    private Breakpoints() {
    }

    static void arm(ReplaySession session, BreakpointTable table) throws DapException {
        try {
            session.setBreakpoints(table.addresses());
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot set the breakpoints in the replay: " + e.getMessage(), e);
        }
    }

    static void unverified(Breakpoint bp, String message) {
        bp.setVerified(false);
        bp.setMessage(message);
    }

    /**
     * The options of a DAP breakpoint, or empty after marking {@code bp} unverified with the reason
     * (a condition with a syntax error, a malformed hit condition or log message).
     */
    static Optional<BreakpointOptions> options(Breakpoint bp, String condition, String hitCondition,
                                               String logMessage) {
        try {
            return Optional.of(BreakpointOptions.of(condition, hitCondition, logMessage));
        } catch (IllegalArgumentException e) {
            unverified(bp, e.getMessage());
            return Optional.empty();
        }
    }
}
