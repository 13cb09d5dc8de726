/*
 * Breakpoints: what the breakpoint handlers share: arming the table's addresses in the replay,
 * unverified answers, and refusing options this slice does not implement yet.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.dap.BreakpointTable;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
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

    /** Why a breakpoint with these options cannot be honoured yet, or null when it can. */
    static String unsupportedOption(String condition, String hitCondition, String logMessage) {
        if (condition != null && !condition.isBlank()) {
            return "conditional breakpoints are not supported yet";
        }
        if (hitCondition != null && !hitCondition.isBlank()) {
            return "hit counts are not supported yet";
        }
        if (logMessage != null && !logMessage.isBlank()) {
            return "log points are not supported yet";
        }
        return null;
    }
}
