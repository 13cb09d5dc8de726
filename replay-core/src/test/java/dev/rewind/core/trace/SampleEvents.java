/*
 * SampleEvents: one event of every kind, valid and realistic, for reader and dump tests.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.model.WaitStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

final class SampleEvents {
    static final String HASH = "ab".repeat(32);

    private SampleEvents() {
    }

    /** exec, syscall (read with a write), rdtsc, signal, output, syscall (write), exit(3). */
    static List<TraceEvent> all() {
        return List.of(exec(0), read(1), new RdtscEvent(EventIndex.of(2), true, 0x1234_5678_9abcL, 1),
                segv(3), new OutputEvent(EventIndex.of(4), OutputEvent.Stream.STDERR, 4321,
                        "child says hi\n".getBytes(StandardCharsets.UTF_8)),
                write(5), new ExitEvent(EventIndex.of(6), WaitStatus.exited(3)));
    }

    static ExecEvent exec(long index) {
        List<Long> regs = new ArrayList<>(Collections.nCopies(27, 0L));
        regs.set(16, 0x7ffff7fe3290L); // rip
        regs.set(19, 0x7fffffffe3f0L); // rsp
        MemoryRegion text = new MemoryRegion(RemoteAddress.of(0x555555554000L), RemoteAddress.of(0x555555556000L),
                5, 0, "/bin/echo", Optional.of(new BlobRef(HASH, 0)), List.of());
        MemoryRegion stack = new MemoryRegion(RemoteAddress.of(0x7ffffffde000L), RemoteAddress.of(0x7ffffffff000L),
                3, MemoryRegion.FLAG_STACK, "[stack]", Optional.empty(),
                List.of(new MemoryChunk(RemoteAddress.of(0x7fffffffe000L), new byte[100])));
        return new ExecEvent(EventIndex.of(index), "/bin/echo", new GeneralRegisters(regs), new byte[512], 0, 1L << 12,
                List.of(text, stack));
    }

    static SyscallEvent read(long index) {
        return new SyscallEvent(EventIndex.of(index), 0, List.of(0L, 0x7fffffffd000L, 4096L, 0L, 0L, 0L), 12, 0,
                Optional.empty(), List.of(new MemoryChunk(RemoteAddress.of(0x7fffffffd000L),
                        "hello world\n".getBytes(StandardCharsets.UTF_8))));
    }

    static SyscallEvent write(long index) {
        return new SyscallEvent(EventIndex.of(index), 1, List.of(1L, 0x4000L, 3L, 0L, 0L, -1L), 3,
                SyscallEvent.FLAG_STDOUT, Optional.empty(), List.of());
    }

    static SignalEvent segv(long index) {
        ByteBuffer info = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        info.putInt(0, 11).putInt(8, 1).putLong(16, 0xdeadL);
        return new SignalEvent(EventIndex.of(index), 11, true, info.array());
    }
}
