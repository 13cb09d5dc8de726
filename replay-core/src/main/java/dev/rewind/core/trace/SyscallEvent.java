/*
 * SyscallEvent: one system call the program made, its result and the memory it wrote.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * @param number x86-64 syscall number as the kernel dispatched it: the low 32 bits of orig_rax,
 *               signed (-1 when the program asked for no syscall; any int can be recorded)
 * @param args   rdi rsi rdx r10 r8 r9 at entry (six raw values)
 * @param result rax at exit (raw kernel value, negative errno on failure)
 * @param flags  FLAG_* bits
 * @param blob   for an mmap of a file: the file's copy and the mapping's offset
 * @param writes memory the syscall wrote in the program, in order
 * @param file   with a blob: the mapped file's identity and path while recording
 */
public record SyscallEvent(EventIndex index, int number, List<Long> args, long result, int flags,
                           Optional<BlobRef> blob, List<MemoryChunk> writes, Optional<MappedFile> file)
        implements TraceEvent {
    public static final int FLAG_STDOUT = 1;
    public static final int FLAG_STDERR = 2;
    public static final int FLAG_REAL = 4;
    public static final int FLAG_UNKNOWN = 8;
    public static final int FLAG_CHECKSUM = 16;
    /** An mmap MAP_SHARED of a descriptor not open for writing (replay maps its copy read-only). */
    public static final int FLAG_READONLY_FD = 32;
    /** Format 4: the result of the syscall this thread entered earlier (a SyscallEnterEvent). */
    public static final int FLAG_RESUMED = 64;

    public SyscallEvent {
        Objects.requireNonNull(index, "index");
        args = List.copyOf(args);
        if (args.size() != 6) {
            throw new IllegalArgumentException("a syscall has 6 argument registers, got " + args.size());
        }
        Objects.requireNonNull(blob, "blob");
        writes = List.copyOf(writes);
        Objects.requireNonNull(file, "file");
    }

    /** An event without a mapped file's identity. */
    public SyscallEvent(EventIndex index, int number, List<Long> args, long result, int flags,
                        Optional<BlobRef> blob, List<MemoryChunk> writes) {
        this(index, number, args, result, flags, blob, writes, Optional.empty());
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }
}
