/*
 * AgentFailures: turns an agent failure into what the user sees: one line and an exit status.
 */
package dev.rewind.cli;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import java.util.Optional;

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

    /**
     * The reason ("No space left on device") when the agent could not write a file (a snapshot's
     * body) because the disk is full: an ERROR TRACE_IO whose text is the strerror.
     */
    static Optional<String> noSpaceLeft(AgentException e) {
        return e.code() == AgentErrorCode.TRACE_IO ? IoMessages.noSpaceLeft(e) : Optional.empty();
    }
}
