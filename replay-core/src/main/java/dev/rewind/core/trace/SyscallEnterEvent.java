/*
 * SyscallEnterEvent (format 4): the current thread entered a syscall that may block (futex wait,
 * a read of a pipe, a sleep...), and other threads ran while it was in the kernel. Its result and
 * the memory it wrote come later, as a SyscallEvent of the same thread with FLAG_RESUMED.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import java.util.List;
import java.util.Objects;

/**
 * @param nr   the syscall number as the kernel dispatched it
 * @param args rdi rsi rdx r10 r8 r9 at entry
 */
public record SyscallEnterEvent(EventIndex index, int nr, List<Long> args) implements TraceEvent {
    public SyscallEnterEvent {
        Objects.requireNonNull(index, "index");
        args = List.copyOf(args);
        if (args.size() != 6) {
            throw new IllegalArgumentException("a syscall has 6 arguments, got " + args.size());
        }
    }
}
