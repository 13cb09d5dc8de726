/*
 * AgentException: a request to rewind-agent failed. The message is one line for the user
 * ("replay diverged at event 3: expected write, got read"); the code says what kind of failure.
 */
package dev.rewind.core.agent;

import java.util.Objects;
import java.util.OptionalInt;

public final class AgentException extends Exception {
    private final AgentErrorCode code;
    private final OptionalInt agentExitValue;

    public AgentException(AgentErrorCode code, String message) {
        this(code, message, OptionalInt.empty(), null);
    }

    public AgentException(AgentErrorCode code, String message, Throwable cause) {
        this(code, message, OptionalInt.empty(), cause);
    }

    /** @param agentExitValue the agent's exit value (128+N when killed by signal N) when it died */
    public AgentException(AgentErrorCode code, String message, OptionalInt agentExitValue, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.agentExitValue = Objects.requireNonNull(agentExitValue, "agentExitValue");
    }

    public AgentErrorCode code() {
        return code;
    }

    /** How the agent process ended, when the failure is that it ended. */
    public OptionalInt agentExitValue() {
        return agentExitValue;
    }
}
