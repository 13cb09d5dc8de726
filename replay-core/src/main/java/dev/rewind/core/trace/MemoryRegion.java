/*
 * MemoryRegion: one mapping of the address space an EXEC event records: its range, protection,
 * kind, the file it maps (as a blob) and the literal bytes that differ from that file (or zero).
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.RemoteAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * @param start  first address, page aligned
 * @param end    first address after the region, page aligned, greater than start
 * @param prot   PROT_READ 1 | PROT_WRITE 2 | PROT_EXEC 4
 * @param flags  SHARED 1 | STACK 2 | VDSO 4 | HEAP 8 | READONLY_FD 16 (a shared mapping of a
 *               descriptor not open for writing: never writable; in snapshot bodies)
 * @param name   /proc/PID/maps path or pseudo-name, "" for anonymous memory
 * @param blob   the file this region maps, if any
 * @param chunks literal memory, each inside [start, end)
 */
public record MemoryRegion(RemoteAddress start, RemoteAddress end, int prot, int flags, String name,
                           Optional<BlobRef> blob, List<MemoryChunk> chunks) {
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int FLAG_SHARED = 1;
    public static final int FLAG_STACK = 2;
    public static final int FLAG_VDSO = 4;
    public static final int FLAG_HEAP = 8;
    public static final int FLAG_READONLY_FD = 16;

    public MemoryRegion {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(blob, "blob");
        if (start.compareTo(end) >= 0) {
            throw new IllegalArgumentException("region " + start + "-" + end + " is empty or reversed");
        }
        chunks = List.copyOf(chunks);
        for (MemoryChunk c : chunks) {
            if (c.address().compareTo(start) < 0 || c.end().compareTo(end) > 0) {
                throw new IllegalArgumentException("chunk at " + c.address() + " (" + c.length()
                        + " bytes) lies outside region " + start + "-" + end);
            }
        }
    }

    public long size() {
        return end.value() - start.value();
    }

    /** Total bytes of literal memory. */
    public long chunkBytes() {
        long total = 0;
        for (MemoryChunk c : chunks) {
            total += c.length();
        }
        return total;
    }

    /** "r-x" style. */
    public String protString() {
        return ((prot & PROT_READ) != 0 ? "r" : "-") + ((prot & PROT_WRITE) != 0 ? "w" : "-")
                + ((prot & PROT_EXEC) != 0 ? "x" : "-");
    }
}
