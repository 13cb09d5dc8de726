/*
 * EventDecoder: turns the decompressed payload of one event block into TraceEvents, following
 * docs/trace-format.md ("An event" and the kinds). Unknown trailing bytes of a known body are
 * skipped (forward compatible within a version); an unknown kind is refused.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.model.WaitStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class EventDecoder {
    private EventDecoder() {
    }

    /** Decodes exactly {@code count} events numbered from {@code first}; the payload must hold no more. */
    static List<TraceEvent> decodeBlock(byte[] payload, long first, int count) throws TraceException {
        ByteCursor in = new ByteCursor(payload, "event block");
        List<TraceEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EventIndex index = EventIndex.of(first + i);
            if (in.remaining() == 0) {
                throw new TraceException("block holds " + i + " events, its header says " + count);
            }
            int length = in.u32();
            if (length < 1) {
                throw new TraceException(index + " has an empty body");
            }
            byte[] body = in.bytes(length);
            events.add(decodeEvent(index, body));
        }
        if (in.remaining() != 0) {
            throw new TraceException(in.remaining() + " bytes left after the block's " + count + " events");
        }
        return events;
    }

    private static PreemptEvent preempt(EventIndex index, ByteCursor in) throws TraceException {
        int signo = in.u32();
        int place = in.u8();
        return switch (place) {
            case TraceFormat.SIGNAL_AFTER_EVENT -> new PreemptEvent(index, signo, Optional.empty());
            case TraceFormat.SIGNAL_IN_CODE -> new PreemptEvent(index, signo, Optional.of(signalPoint(in)));
            default -> throw new TraceException(index + " has unknown preemption place " + place);
        };
    }

    /** The fingerprint of a point in user code (SIGNAL place 2, PREEMPT place 2). */
    private static SignalPoint signalPoint(ByteCursor in) throws TraceException {
        long[] regs = new long[TraceFormat.GENERAL_REGISTER_COUNT];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = in.u64();
        }
        long hash = in.u64();
        boolean readable = in.bool();
        byte[] stack = in.bytes(in.u32());
        long userCpuNanos = in.u64();
        return new SignalPoint(regs, hash, readable, stack, userCpuNanos);
    }

    private static SignalEvent signal(EventIndex index, ByteCursor in) throws TraceException {
        int signo = in.u32();
        int place = in.u8();
        byte[] siginfo = in.bytes(TraceFormat.SIGINFO_SIZE);
        return switch (place) {
            case TraceFormat.SIGNAL_AFTER_EVENT -> new SignalEvent(index, signo, false, siginfo);
            case TraceFormat.SIGNAL_FAULT -> new SignalEvent(index, signo, true, siginfo);
            case TraceFormat.SIGNAL_IN_CODE -> new SignalEvent(index, signo, false, siginfo,
                    Optional.of(signalPoint(in)));
            default -> throw new TraceException(index + " has unknown signal place " + place);
        };
    }

    static TraceEvent decodeEvent(EventIndex index, byte[] body) throws TraceException {
        int kind = body[0] & 0xff;
        ByteCursor in = new ByteCursor(body, 1, body.length - 1, index.toString());
        try {
            return switch (kind) {
                case TraceFormat.KIND_EXEC -> exec(index, in);
                case TraceFormat.KIND_SYSCALL -> syscall(index, in);
                case TraceFormat.KIND_SIGNAL -> signal(index, in);
                case TraceFormat.KIND_RDTSC -> new RdtscEvent(index, in.bool(), in.u64(), in.u32Bits());
                case TraceFormat.KIND_OUTPUT -> new OutputEvent(index, OutputEvent.Stream.ofCode(in.u8()),
                        in.u32Bits(), in.bytes(in.u32()));
                case TraceFormat.KIND_EXIT -> new ExitEvent(index, new WaitStatus(in.i32()));
                case TraceFormat.KIND_STOP -> new StopEvent(index, in.string());
                case TraceFormat.KIND_THREAD -> new ThreadEvent(index, in.u32Bits());
                case TraceFormat.KIND_SYSCALL_ENTER -> syscallEnter(index, in);
                case TraceFormat.KIND_PREEMPT -> preempt(index, in);
                default -> throw new TraceException(index + " has unknown kind " + kind);
            };
        } catch (IllegalArgumentException e) {
            throw new TraceException(index + " is invalid: " + e.getMessage(), e);
        }
    }

    private static ExecEvent exec(EventIndex index, ByteCursor in) throws TraceException {
        String path = in.string();
        List<Long> regs = new ArrayList<>(TraceFormat.GENERAL_REGISTER_COUNT);
        for (int i = 0; i < TraceFormat.GENERAL_REGISTER_COUNT; i++) {
            regs.add(in.u64());
        }
        byte[] fpregs = in.bytes(TraceFormat.FPREGS_SIZE);
        long ignored = in.u64();
        long blocked = in.u64();
        int regionCount = in.u32();
        List<MemoryRegion> regions = new ArrayList<>(Math.min(regionCount, 4096));
        for (int i = 0; i < regionCount; i++) {
            RemoteAddress start = RemoteAddress.of(in.u64());
            RemoteAddress end = RemoteAddress.of(in.u64());
            int prot = in.u32Bits();
            int flags = in.u32Bits();
            String name = in.string();
            Optional<BlobRef> blob = optionalBlob(in);
            List<MemoryChunk> chunks = chunks(in);
            regions.add(new MemoryRegion(start, end, prot, flags, name, blob, chunks));
        }
        return new ExecEvent(index, path, new GeneralRegisters(regs), fpregs, ignored, blocked, regions);
    }

    private static SyscallEvent syscall(EventIndex index, ByteCursor in) throws TraceException {
        int nr = in.i32(); // as the kernel dispatched it: -1 (no syscall) and other negatives included
        List<Long> args = new ArrayList<>(6);
        for (int i = 0; i < 6; i++) {
            args.add(in.u64());
        }
        long result = in.u64();
        int flags = in.u32Bits();
        Optional<BlobRef> blob = optionalBlob(in);
        List<MemoryChunk> writes = chunks(in);
        Optional<MappedFile> file = Optional.empty();
        if (blob.isPresent() && in.remaining() > 0) {
            long device = in.u64();
            long inode = in.u64();
            file = Optional.of(new MappedFile(device, inode, in.string()));
        }
        return new SyscallEvent(index, nr, args, result, flags, blob, writes, file);
    }

    private static SyscallEnterEvent syscallEnter(EventIndex index, ByteCursor in) throws TraceException {
        int nr = in.i32();
        List<Long> args = new ArrayList<>(6);
        for (int i = 0; i < 6; i++) {
            args.add(in.u64());
        }
        return new SyscallEnterEvent(index, nr, args);
    }

    private static Optional<BlobRef> optionalBlob(ByteCursor in) throws TraceException {
        if (!in.bool()) {
            return Optional.empty();
        }
        String hash = in.hash();
        long offset = in.u64();
        return Optional.of(new BlobRef(hash, offset));
    }

    /** u32 count, then count × (u64 addr, u32 len, len bytes). */
    private static List<MemoryChunk> chunks(ByteCursor in) throws TraceException {
        int count = in.u32();
        List<MemoryChunk> out = new ArrayList<>(Math.min(count, 4096));
        for (int i = 0; i < count; i++) {
            RemoteAddress addr = RemoteAddress.of(in.u64());
            out.add(new MemoryChunk(addr, in.bytes(in.u32())));
        }
        return out;
    }
}
