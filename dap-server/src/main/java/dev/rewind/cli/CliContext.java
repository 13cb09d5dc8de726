/*
 * CliContext: what a command runs in: its streams, environment, current folder and trace store.
 * Main builds it from this process; tests build their own.
 */
package dev.rewind.cli;

import dev.rewind.core.trace.TraceStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * @param out     rewind's stdout (dump's JSON, demo's narration); the program's own output never
 *                passes through it: the agent writes to the inherited file descriptors directly
 * @param err     rewind's stderr (its messages)
 * @param env     the environment, by name
 * @param environ the environment as the program should get it, "NAME=value", in order
 * @param cwd     the current folder
 * @param store   where recordings go without -o
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env, List<String> environ, Path cwd,
                  TraceStore store) {
    CliContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        environ = List.copyOf(environ);
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(store, "store");
    }

    static CliContext ofThisProcess() {
        return new CliContext(System.out, System.err, System.getenv(), ProcessEnvironment.current(),
                Path.of(System.getProperty("user.dir")).toAbsolutePath(), TraceStore.forCurrentUser());
    }

    boolean debug() {
        String v = env.get("REWIND_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0");
    }
}
