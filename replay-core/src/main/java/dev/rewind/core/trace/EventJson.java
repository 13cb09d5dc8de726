/*
 * EventJson: one TraceEvent as the JSON object `rewind dump` prints for it. Addresses and raw
 * register values are "0x..." strings; memory contents are hex, at most the first 64 bytes.
 */
package dev.rewind.core.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rewind.core.model.SignalNames;
import dev.rewind.core.model.WaitStatus;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

final class EventJson {
    static final int MAX_DUMPED_BYTES = 64;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SyscallNames syscalls;

    EventJson(SyscallNames syscalls) {
        this.syscalls = syscalls;
    }

    ObjectNode toJson(TraceEvent event) {
        ObjectNode o = JSON.objectNode();
        o.put("event", event.index().value());
        // Java 17 has no pattern switch: one branch per permitted kind of the sealed TraceEvent.
        if (event instanceof ExecEvent e) {
            exec(o, e);
        } else if (event instanceof SyscallEvent s) {
            syscall(o, s);
        } else if (event instanceof SignalEvent s) {
            signal(o, s);
        } else if (event instanceof RdtscEvent r) {
            o.put("kind", "rdtsc");
            o.put("rdtscp", r.rdtscp());
            o.put("tsc", new BigInteger(Long.toUnsignedString(r.tsc())));
            o.put("aux", Integer.toUnsignedLong(r.aux()));
        } else if (event instanceof OutputEvent out) {
            o.put("kind", "output");
            o.put("stream", out.stream() == OutputEvent.Stream.STDOUT ? "stdout" : "stderr");
            o.put("pid", Integer.toUnsignedLong(out.pid()));
            o.put("len", out.bytes().length);
            o.put("text", out.text());
        } else if (event instanceof ExitEvent x) {
            exit(o, x.status());
        } else if (event instanceof StopEvent s) {
            o.put("kind", "stop");
            o.put("reason", s.reason());
        } else if (event instanceof PreemptEvent p) {
            o.put("kind", "preempt");
            o.put("signo", p.signo());
            o.put("name", SignalNames.name(p.signo()));
            o.put("place", p.point().isPresent() ? "in-user-code" : "after-event");
            p.point().ifPresent(pt -> {
                o.put("pc", pt.pc().toString());
                o.put("stackHash", Long.toUnsignedString(pt.stackHash(), 16));
                o.put("stackBytes", pt.stack().length);
                o.put("userCpuNs", pt.userCpuNanos());
            });
        } else if (event instanceof ThreadEvent t) {
            o.put("kind", "thread");
            o.put("tid", Integer.toUnsignedLong(t.tid()));
        } else if (event instanceof SyscallEnterEvent e) {
            o.put("kind", "syscall_enter");
            o.put("nr", e.nr());
            syscalls.name(e.nr()).ifPresent(name -> o.put("name", name));
            ArrayNode args = o.putArray("args");
            e.args().forEach(a -> args.add(hex(a)));
        } else {
            throw new AssertionError("unhandled event kind " + event.getClass());
        }
        return o;
    }

    private static void exec(ObjectNode o, ExecEvent e) {
        o.put("kind", "exec");
        o.put("path", e.path());
        o.put("rip", e.registers().rip().toString());
        o.put("rsp", e.registers().rsp().toString());
        ObjectNode regs = o.putObject("regs");
        List<Long> values = e.registers().values();
        for (int i = 0; i < values.size(); i++) {
            regs.put(GeneralRegisters.NAMES.get(i), hex(values.get(i)));
        }
        o.put("sigIgnored", hex(e.ignoredSignals()));
        o.put("sigBlocked", hex(e.blockedSignals()));
        ArrayNode regions = o.putArray("regions");
        for (MemoryRegion r : e.regions()) {
            ObjectNode j = regions.addObject();
            j.put("start", r.start().toString());
            j.put("end", r.end().toString());
            j.put("prot", r.protString());
            ArrayNode flags = j.putArray("flags");
            flag(flags, r.flags(), MemoryRegion.FLAG_SHARED, "shared");
            flag(flags, r.flags(), MemoryRegion.FLAG_STACK, "stack");
            flag(flags, r.flags(), MemoryRegion.FLAG_VDSO, "vdso");
            flag(flags, r.flags(), MemoryRegion.FLAG_HEAP, "heap");
            flag(flags, r.flags(), MemoryRegion.FLAG_READONLY_FD, "readonlyFd");
            j.put("name", r.name());
            blob(j, r.blob());
            j.put("chunks", r.chunks().size());
            j.put("chunkBytes", r.chunkBytes());
        }
    }

    private void syscall(ObjectNode o, SyscallEvent s) {
        o.put("kind", "syscall");
        o.put("nr", s.number());
        Optional<String> name = syscalls.name(s.number());
        if (name.isPresent()) {
            o.put("name", name.get());
        } else {
            o.putNull("name");
        }
        ArrayNode args = o.putArray("args");
        s.args().forEach(a -> args.add(hex(a)));
        o.put("result", s.result());
        ArrayNode flags = o.putArray("flags");
        flag(flags, s.flags(), SyscallEvent.FLAG_STDOUT, "stdout");
        flag(flags, s.flags(), SyscallEvent.FLAG_STDERR, "stderr");
        flag(flags, s.flags(), SyscallEvent.FLAG_REAL, "real");
        flag(flags, s.flags(), SyscallEvent.FLAG_UNKNOWN, "unknown");
        flag(flags, s.flags(), SyscallEvent.FLAG_CHECKSUM, "checksum");
        flag(flags, s.flags(), SyscallEvent.FLAG_READONLY_FD, "readonly_fd");
        flag(flags, s.flags(), SyscallEvent.FLAG_RESUMED, "resumed");
        blob(o, s.blob());
        s.file().ifPresent(f -> {
            ObjectNode file = o.putObject("file");
            file.put("path", f.path());
            file.put("device", f.device());
            file.put("inode", f.inode());
        });
        ArrayNode writes = o.putArray("writes");
        for (MemoryChunk w : s.writes()) {
            ObjectNode j = writes.addObject();
            j.put("addr", w.address().toString());
            j.put("len", w.length());
            j.put("bytes", HexFormat.of().formatHex(w.bytes(), 0, Math.min(w.length(), MAX_DUMPED_BYTES)));
        }
    }

    private static void signal(ObjectNode o, SignalEvent s) {
        o.put("kind", "signal");
        o.put("signo", s.signo());
        o.put("name", s.name());
        o.put("synchronous", s.synchronous());
        o.put("place", s.synchronous() ? "fault" : s.point().isPresent() ? "in-user-code" : "after-event");
        s.point().ifPresent(p -> {
            o.put("pc", p.pc().toString());
            o.put("stackHash", Long.toUnsignedString(p.stackHash(), 16));
            o.put("stackBytes", p.stack().length);
            o.put("userCpuNs", p.userCpuNanos());
        });
        o.put("siCode", s.siCode());
        s.faultAddress().ifPresent(a -> o.put("addr", a.toString()));
    }

    private static void exit(ObjectNode o, WaitStatus status) {
        o.put("kind", "exit");
        o.put("status", status.raw());
        if (status.isExited()) {
            o.put("exitCode", status.exitCode());
        } else if (status.isSignaled()) {
            o.put("signal", status.termSignal());
            o.put("signalName", SignalNames.name(status.termSignal()));
            o.put("coreDumped", status.coreDumped());
        }
    }

    private static void blob(ObjectNode o, Optional<BlobRef> blob) {
        if (blob.isPresent()) {
            o.put("blob", blob.get().sha256());
            o.put("blobOffset", blob.get().offset());
        } else {
            o.putNull("blob");
        }
    }

    private static void flag(ArrayNode out, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            out.add(name);
        }
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
