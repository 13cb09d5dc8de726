/*
 * AgentFailures: turns an agent failure into what the user sees: one line and an exit status.
 */
package dev.rewind.cli;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;

final class AgentFailures {
    private AgentFailures() {
    }

    static CliFailure toCliFailure(AgentException e) {
        if (e.code() == AgentErrorCode.CANNOT_START_PROGRAM) {
            return new CliFailure(e.getMessage(), ExitStatus.CANNOT_EXECUTE, e);
        }
        if (e.code() == AgentErrorCode.AGENT_LOST && e.agentExitValue().orElse(0) == ExitStatus.INTERRUPTED) {
            return new CliFailure("interrupted", ExitStatus.INTERRUPTED, e);
        }
        return new CliFailure(e.getMessage(), ExitStatus.REWIND_FAILED, e);
    }
}
