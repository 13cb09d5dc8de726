/*
 * TraceHeader: what recorded a trace, on which machine, and which program with which arguments
 * (the `header` file of a trace folder, see docs/trace-format.md).
 */
package dev.rewind.core.trace;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * @param formatVersion the trace format version the recording was written with (1..MAX_SUPPORTED_VERSION)
 * @param pageSize      the recording machine's page size in bytes, a power of two
 * @param createdNs     wall-clock start of the recording, nanoseconds since the epoch
 * @param kernel        uname release, e.g. "6.18.44-fc-v669"
 * @param machine       uname machine, "x86_64"
 * @param cpuModel      "model name" of the first CPU; snapshots restore only on the same model
 * @param program       path of the recorded program as started
 * @param argv          the program's arguments, argv[0] included
 */
public record TraceHeader(int formatVersion, int pageSize, long createdNs, String kernel, String machine,
                          String cpuModel, String program, List<String> argv) {

    public TraceHeader {
        if (formatVersion < 1 || formatVersion > TraceFormat.MAX_SUPPORTED_VERSION) {
            throw new IllegalArgumentException("unsupported format version " + formatVersion);
        }
        if (pageSize <= 0 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two, got " + pageSize);
        }
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(cpuModel, "cpuModel");
        Objects.requireNonNull(program, "program");
        argv = List.copyOf(argv);
    }

    public Instant created() {
        return Instant.ofEpochSecond(Math.floorDiv(createdNs, 1_000_000_000L),
                Math.floorMod(createdNs, 1_000_000_000L));
    }
}
