/*
 * AgentLaunch: how to start one rewind-agent: which binary, where its stdin/stdout/stderr go (the
 * program's own streams when recording, the replayed output when replaying) and how long to wait
 * for it to connect, and, for a recording in chaos mode, the seed of its random schedule (given to
 * the agent in its environment as REWIND_CHAOS_SEED, native/src/agent_main.c; never inherited).
 */
package dev.rewind.core.agent;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

public record AgentLaunch(Path agent, Redirect stdin, Redirect stdout, Redirect stderr, Duration connectTimeout,
        OptionalLong chaosSeed) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The agent's environment variable that asks for chaos mode (a decimal unsigned 64-bit seed). */
    public static final String CHAOS_SEED_VARIABLE = "REWIND_CHAOS_SEED";

    public AgentLaunch {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(chaosSeed, "chaosSeed");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
    }

    public AgentLaunch(Path agent, Redirect stdin, Redirect stdout, Redirect stderr, Duration connectTimeout) {
        this(agent, stdin, stdout, stderr, connectTimeout, OptionalLong.empty());
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
                connectTimeout, chaosSeed);
    }

    /** The same launch with the agent's stdout and stderr as pipes (AgentClient.agentStdout/agentStderr). */
    public AgentLaunch withPipedOutput() {
        return new AgentLaunch(agent, stdin, Redirect.PIPE, Redirect.PIPE, connectTimeout, chaosSeed);
    }

    public AgentLaunch withStdin(Redirect in) {
        return new AgentLaunch(agent, in, stdout, stderr, connectTimeout, chaosSeed);
    }

    /** The same launch recording in chaos mode with this seed (an unsigned 64-bit number). */
    public AgentLaunch withChaosSeed(long seed) {
        return new AgentLaunch(agent, stdin, stdout, stderr, connectTimeout, OptionalLong.of(seed));
    }
}
