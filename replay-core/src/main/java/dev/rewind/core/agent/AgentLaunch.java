/*
 * AgentLaunch: how to start one rewind-agent: which binary, where its stdin/stdout/stderr go (the
 * program's own streams when recording, the replayed output when replaying) and how long to wait
 * for it to connect, and, for a recording in chaos mode, the seed of its random schedule (given to
 * the agent in its environment as REWIND_CHAOS_SEED, native/src/agent_main.c; never inherited),
 * and other settings the agent reads from its environment ({@link #AGENT_VARIABLES}: which children
 * a recording records, native/src/record_tree.h; a replay of one process of a tree,
 * native/src/replay_tree.c), never inherited either.
 */
package dev.rewind.core.agent;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

public record AgentLaunch(Path agent, Redirect stdin, Redirect stdout, Redirect stderr, Duration connectTimeout,
        OptionalLong chaosSeed, Map<String, String> environment) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The agent's environment variable that asks for chaos mode (a decimal unsigned 64-bit seed). */
    public static final String CHAOS_SEED_VARIABLE = "REWIND_CHAOS_SEED";
    /** "none": a recording records the root process only (default: its forked children too). */
    public static final String CHILDREN_VARIABLE = "REWIND_CHILDREN";
    /** Comma-separated executable names whose processes a recording lets run for real. */
    public static final String NO_RECORD_VARIABLE = "REWIND_NO_RECORD";
    /** Set: a replay of a process-tree recording's folder replays its root process alone. */
    public static final String REPLAY_ALONE_VARIABLE = "REWIND_REPLAY_ALONE";
    /** The variables {@link #environment} may set; the agent never inherits them from us. */
    public static final List<String> AGENT_VARIABLES =
            List.of(CHILDREN_VARIABLE, NO_RECORD_VARIABLE, REPLAY_ALONE_VARIABLE);

    public AgentLaunch {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(chaosSeed, "chaosSeed");
        environment = Map.copyOf(environment);
        if (!AGENT_VARIABLES.containsAll(environment.keySet())) {
            throw new IllegalArgumentException("not an agent setting: " + environment.keySet());
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
    }

    public AgentLaunch(Path agent, Redirect stdin, Redirect stdout, Redirect stderr, Duration connectTimeout) {
        this(agent, stdin, stdout, stderr, connectTimeout, OptionalLong.empty(), Map.of());
    }

    public AgentLaunch(Path agent, Redirect stdin, Redirect stdout, Redirect stderr, Duration connectTimeout,
            OptionalLong chaosSeed) {
        this(agent, stdin, stdout, stderr, connectTimeout, chaosSeed, Map.of());
    }

    /** The same launch with the agent setting `name` (one of {@link #AGENT_VARIABLES}) set to value. */
    public AgentLaunch withEnvironment(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(name, value);
        return new AgentLaunch(agent, stdin, stdout, stderr, connectTimeout, chaosSeed, env);
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
                connectTimeout, chaosSeed, environment);
    }

    /** The same launch with the agent's stdout and stderr as pipes (AgentClient.agentStdout/agentStderr). */
    public AgentLaunch withPipedOutput() {
        return new AgentLaunch(agent, stdin, Redirect.PIPE, Redirect.PIPE, connectTimeout, chaosSeed, environment);
    }

    public AgentLaunch withStdin(Redirect in) {
        return new AgentLaunch(agent, in, stdout, stderr, connectTimeout, chaosSeed, environment);
    }

    /** The same launch recording in chaos mode with this seed (an unsigned 64-bit number). */
    public AgentLaunch withChaosSeed(long seed) {
        return new AgentLaunch(agent, stdin, stdout, stderr, connectTimeout, OptionalLong.of(seed), environment);
    }
}
