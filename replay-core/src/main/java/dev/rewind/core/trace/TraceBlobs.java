/*
 * TraceBlobs: checks that the file copies a recording's events use (blobs/<sha256>,
 * docs/trace-format.md) are there before a replay starts: each a regular file inside the trace,
 * reached without a link, and readable, so that a missing, unreadable, linked or special copy is
 * refused with one line naming it instead of failing after the program has printed something.
 *
 * Their content is checked against their SHA-256 names by the agent, which maps them: it hashes
 * every blob the events name when it opens the trace, before the replay starts (at about 1 GB/s,
 * where this JVM, compiled for a fast start, hashes at a few tens of MB/s).
 */
package dev.rewind.core.trace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

final class TraceBlobs {
    /** The hashes collected so far (sorted, so checks and messages come in a stable order). */
    private final Set<String> used = new TreeSet<>();

    /** Notes the blobs {@code event} maps. */
    void note(TraceEvent event) {
        if (event instanceof ExecEvent exec) {
            exec.regions().forEach(r -> r.blob().ifPresent(b -> used.add(b.sha256())));
        } else if (event instanceof SyscallEvent sys) {
            sys.blob().ifPresent(b -> used.add(b.sha256()));
        }
    }

    /** How many distinct blobs were noted. */
    int count() {
        return used.size();
    }

    /** Checks every noted blob of {@code traceDir}: present, a regular file, readable. */
    void verify(Path traceDir) throws TraceException {
        for (String hash : used) {
            String relative = TraceFormat.BLOBS_DIR + "/" + hash;
            FileChannel channel = TraceFileOpener.open(traceDir, relative,
                    "trace is missing a file copy: " + relative + " (in " + traceDir + ")");
            try {
                channel.close();
            } catch (IOException e) {
                throw new TraceException("cannot read trace file " + relative + " in " + traceDir + ": "
                        + TraceFileOpener.reason(e), e);
            }
        }
    }
}
