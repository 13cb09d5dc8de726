/*
 * RecordRequest: what to record: the program (a path the agent can exec), its argv (argv[0]
 * included), working directory and full environment, the folder the trace goes to, and how often
 * to take a snapshot of the program while recording (0: never).
 */
package dev.rewind.core.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

public record RecordRequest(Path traceDir, Path program, List<String> argv, Path cwd, List<String> env,
                            long snapshotEvery) {
    public RecordRequest {
        Objects.requireNonNull(traceDir, "traceDir");
        Objects.requireNonNull(program, "program");
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must hold at least argv[0]");
        }
        Objects.requireNonNull(cwd, "cwd");
        env = List.copyOf(env);
        if (snapshotEvery < 0) {
            throw new IllegalArgumentException("snapshotEvery must be >= 0, got " + snapshotEvery);
        }
    }

    /** Without snapshots while recording. */
    public RecordRequest(Path traceDir, Path program, List<String> argv, Path cwd, List<String> env) {
        this(traceDir, program, argv, cwd, env, 0);
    }

    WireMessage.Record toMessage() {
        return new WireMessage.Record(traceDir.toString(), program.toString(), argv, cwd.toString(), env, snapshotEvery);
    }
}
