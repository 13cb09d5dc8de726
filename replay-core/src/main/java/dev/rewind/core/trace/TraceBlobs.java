/*
 * TraceBlobs: checks the file copies a recording's events use (blobs/<sha256>, docs/trace-format.md)
 * against their names before a replay starts, so that a damaged, missing, unreadable, linked or
 * renamed copy is refused with one line naming it, instead of replaying other bytes silently or
 * failing after the program has printed something.
 */
package dev.rewind.core.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

final class TraceBlobs {
    private static final int CHUNK = 1 << 20;

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

    /** Checks every noted blob of {@code traceDir}: a regular file whose SHA-256 is its name. */
    void verify(Path traceDir) throws TraceException {
        for (String hash : used) {
            verifyOne(traceDir, hash);
        }
    }

    private static void verifyOne(Path traceDir, String hash) throws TraceException {
        String relative = TraceFormat.BLOBS_DIR + "/" + hash;
        MessageDigest sha = sha256();
        try (FileChannel channel = TraceFileOpener.open(traceDir, relative,
                "trace is missing a file copy: " + relative + " (in " + traceDir + ")")) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            while (channel.read(buf) >= 0) {
                buf.flip();
                sha.update(buf);
                buf.clear();
            }
        } catch (IOException e) {
            throw new TraceException("cannot read trace file " + relative + " in " + traceDir + ": "
                    + TraceFileOpener.reason(e), e);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(hash)) {
            throw new TraceException("trace file " + relative + " in " + traceDir
                    + " is damaged: its content does not match its name (SHA-256 " + actual.substring(0, 16) + "...)");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
