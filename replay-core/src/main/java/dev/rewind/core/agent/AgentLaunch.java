/*
 * AgentLaunch: how to start one rewind-agent: which binary, where its stdin/stdout/stderr go (the
 * program's own streams when recording, the replayed output when replaying) and how long to wait
 * for it to connect.
 */
package dev.rewind.core.agent;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

public record AgentLaunch(Path agent, Redirect stdin, Redirect stdout, Redirect stderr, Duration connectTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public AgentLaunch {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
    }

    /** The agent found by AgentLocator, sharing this JVM's stdin, stdout and stderr. */
    public static AgentLaunch inheritIO() throws AgentException {
        return inheritIO(AgentLocator.locate());
    }

    public static AgentLaunch inheritIO(Path agent) {
        return new AgentLaunch(agent, Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT, DEFAULT_CONNECT_TIMEOUT);
    }

    /** The same launch with the agent's stdout and stderr going to these files. */
    public AgentLaunch withOutputTo(Path stdoutFile, Path stderrFile) {
        return new AgentLaunch(agent, stdin, Redirect.to(stdoutFile.toFile()), Redirect.to(stderrFile.toFile()),
                connectTimeout);
    }

    /** The same launch with the agent's stdout and stderr as pipes (AgentClient.agentStdout/agentStderr). */
    public AgentLaunch withPipedOutput() {
        return new AgentLaunch(agent, stdin, Redirect.PIPE, Redirect.PIPE, connectTimeout);
    }

    public AgentLaunch withStdin(Redirect in) {
        return new AgentLaunch(agent, in, stdout, stderr, connectTimeout);
    }
}
