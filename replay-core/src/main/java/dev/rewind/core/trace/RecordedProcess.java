/*
 * RecordedProcess: one process of a recording (docs/trace-format.md, "Process trees"), as its
 * `process` file describes it, or as its stream alone tells when it has none (a trace of formats
 * 1 to 4, or a recorder killed before the process's end).
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.WaitStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * @param pid     its process id while recorded; empty when the trace does not say (formats 1 to 4)
 * @param parent  its parent's process id (the root's: the recorder's); empty when not known
 * @param argv    the command line it last ran (after its last exec)
 * @param end     how it ended, when its recording reached its end
 * @param events  events in its stream
 * @param stream  its stream's folder: the trace folder for the root, TRACE/procs/PID for the others
 * @param root    whether it is the recorded program itself
 */
public record RecordedProcess(OptionalInt pid, OptionalInt parent, List<String> argv, Optional<WaitStatus> end,
        long events, Path stream, boolean root) {
    public RecordedProcess {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(parent, "parent");
        argv = List.copyOf(argv);
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(stream, "stream");
    }
}
