/*
 * Command: what the user asked for on the command line, parsed (ArgumentParser) but not yet run.
 */
package dev.rewind.cli;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

sealed interface Command {

    /**
     * rewind record [-o DIR] [--snapshots[=N]] [--chaos [--seed N]] [--no-children]
     * [--no-record=NAME,...] [--] PROGRAM [ARGS...]; chaos: threads scheduled at random, from
     * chaosSeed when given (else RecordRunner draws one); children: which child processes are
     * recorded.
     */
    record Record(Optional<String> output, String program, List<String> args, long snapshotEvery, boolean chaos,
            OptionalLong chaosSeed, Children children) implements Command {
        /** Events between two snapshots taken while recording, when --snapshots gives no number. */
        static final long DEFAULT_SNAPSHOT_EVERY = 10_000;

        public Record {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(chaosSeed, "chaosSeed");
            Objects.requireNonNull(children, "children");
            if (chaosSeed.isPresent() && !chaos) {
                throw new IllegalArgumentException("a chaos seed without chaos mode");
            }
            args = List.copyOf(args);
        }

        Record(Optional<String> output, String program, List<String> args, long snapshotEvery, boolean chaos,
                OptionalLong chaosSeed) {
            this(output, program, args, snapshotEvery, chaos, chaosSeed, Children.ALL);
        }

        Record(Optional<String> output, String program, List<String> args, long snapshotEvery) {
            this(output, program, args, snapshotEvery, false, OptionalLong.empty());
        }

        Record(Optional<String> output, String program, List<String> args) {
            this(output, program, args, 0);
        }

        /** argv as the program sees it: PROGRAM as typed, then ARGS. */
        List<String> argv() {
            return Stream.concat(Stream.of(program), args.stream()).toList();
        }
    }

    /**
     * Which child processes a recording records: forked ones (not vfork's) unless rootOnly;
     * processes that exec one of the executable names in noRecord run for real from there.
     */
    record Children(boolean rootOnly, List<String> noRecord) {
        static final Children ALL = new Children(false, List.of());

        public Children {
            noRecord = List.copyOf(noRecord);
        }
    }

    /** rewind replay [--process PID] [TRACE]: the whole process tree, or one process of it. */
    record Replay(Optional<String> trace, java.util.OptionalInt process) implements Command {
        public Replay {
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(process, "process");
        }

        Replay(Optional<String> trace) {
            this(trace, java.util.OptionalInt.empty());
        }
    }

    /** rewind ps [TRACE]: the recorded processes, one line each. */
    record Ps(Optional<String> trace) implements Command {
        public Ps {
            Objects.requireNonNull(trace, "trace");
        }
    }

    /** rewind index [--every N] [--read-all-pages] [--process PID] [TRACE]: that process's stream, or the program's. */
    record Index(java.util.OptionalLong every, boolean readAllPages, Optional<String> trace,
                 java.util.OptionalInt process) implements Command {
        public Index {
            Objects.requireNonNull(every, "every");
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(process, "process");
        }

        Index(java.util.OptionalLong every, boolean readAllPages, Optional<String> trace) {
            this(every, readAllPages, trace, java.util.OptionalInt.empty());
        }
    }

    /** rewind info [--process PID] [TRACE]: the program's stream, or that process's. */
    record Info(Optional<String> trace, java.util.OptionalInt process) implements Command {
        public Info {
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(process, "process");
        }

        Info(Optional<String> trace) {
            this(trace, java.util.OptionalInt.empty());
        }
    }

    /** rewind dump [--process PID] [TRACE]: the program's stream, or that process's. */
    record Dump(Optional<String> trace, java.util.OptionalInt process) implements Command {
        public Dump {
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(process, "process");
        }

        Dump(Optional<String> trace) {
            this(trace, java.util.OptionalInt.empty());
        }
    }

    /** rewind dap [--port N | --socket PATH]: DAP on stdio, or for one client of our user on 127.0.0.1:N or a Unix socket. */
    record Dap(java.util.OptionalInt port, Optional<String> socket) implements Command {
        public Dap {
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(socket, "socket");
            if (port.isPresent() && socket.isPresent()) {
                throw new IllegalArgumentException("a port or a socket, not both");
            }
            if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65535)) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port.getAsInt());
            }
        }
    }

    /** rewind demo */
    record Demo() implements Command {
    }

    /** rewind --help, or COMMAND --help: usage on stdout. */
    record Help(Optional<String> command) implements Command {
        public Help {
            Objects.requireNonNull(command, "command");
        }
    }

    /** rewind --version */
    record Version() implements Command {
    }
}
