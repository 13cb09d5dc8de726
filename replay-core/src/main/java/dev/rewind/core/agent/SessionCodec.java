/*
 * SessionCodec: the fields of the debugging-session messages (types 9-21 and 32-41 of
 * protocol/wire-protocol.md), written into and read from a frame body. WireCodec does the framing.
 */
package dev.rewind.core.agent;

import static dev.rewind.core.agent.WireFields.address;
import static dev.rewind.core.agent.WireFields.bool;
import static dev.rewind.core.agent.WireFields.count;
import static dev.rewind.core.agent.WireFields.string;
import static dev.rewind.core.agent.WireFields.u8;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.model.WaitStatus;
import dev.rewind.core.session.Frame;
import dev.rewind.core.session.Instruction;
import dev.rewind.core.session.Location;
import dev.rewind.core.session.OutputChannel;
import dev.rewind.core.session.Registers;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.Scope;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.session.CxxFacts;
import dev.rewind.core.session.RustVariants;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import dev.rewind.core.session.Variable;
import dev.rewind.core.session.Watch;
import dev.rewind.core.session.VariableKind;
import dev.rewind.core.trace.GeneralRegisters;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

final class SessionCodec {
    private static final int GENERAL_REGISTERS = GeneralRegisters.NAMES.size();

    private SessionCodec() {
    }

    /** Writes the fields of a session message; false when the message is not one. */
    static boolean encode(WireMessage message, WireFields.Body body) {
        if (message instanceof SessionRequest.Open m) {
            body.string(m.traceDir());
        } else if (message instanceof SessionRequest.Resume m) {
            body.u8(m.mode().wire);
        } else if (message instanceof SessionRequest.SetBreakpoints m) {
            body.u32(m.addresses().size());
            m.addresses().forEach(a -> body.u64(a.value()));
        } else if (message instanceof SessionRequest.ReadMemory m) {
            body.u64(m.address().value()).u32(m.length());
        } else if (message instanceof SessionRequest.LineAddresses m) {
            body.string(m.file()).u32(m.line());
        } else if (message instanceof SessionRequest.FunctionAddresses m) {
            body.string(m.name());
        } else if (message instanceof SessionRequest.LookupName m) {
            body.string(m.name());
        } else if (message instanceof SessionReply.Named m) {
            body.u8(m.kind().ordinal()).u64(m.address().value()).u32(m.typeId()).u32(m.definitions()).bytes(m.bytes());
        } else if (message instanceof SessionRequest.Stack m) {
            body.u32(m.maxFrames());
        } else if (message instanceof SessionRequest.Variables m) {
            body.u32(m.frame()).u8(m.scope().wire);
        } else if (message instanceof SessionRequest.Type m) {
            body.u32(m.typeId());
        } else if (message instanceof SessionRequest.RustType m) {
            body.u32(m.typeId());
        } else if (message instanceof SessionRequest.CxxType m) {
            body.u32(m.typeId()).u64(m.object().value());
        } else if (message instanceof SessionRequest.Disassemble m) {
            body.u64(m.address().value()).u32(m.count());
        } else if (message instanceof SessionRequest.RunToEvent m) {
            body.u64(m.event().value());
        } else if (message instanceof SessionRequest.Restore m) {
            body.u32(m.savepoint());
        } else if (message instanceof SessionRequest.Drop m) {
            body.u32(m.savepoint());
        } else if (message instanceof SessionRequest.SavepointInfo m) {
            body.u32(m.savepoint());
        } else if (message instanceof SessionRequest.Call m) {
            body.u64(m.function().value()).string(m.name()).u32(m.world()).u32(m.arguments().size());
            m.arguments().forEach(body::u64);
            body.u8(m.dataArguments()).bytes(m.data());
        } else if (message instanceof SessionRequest.SymbolAt m) {
            body.u64(m.address().value());
        } else if (message instanceof SessionRequest.SelectThread m) {
            body.u32(m.tid());
        } else if (message instanceof SessionRequest.ReadCallMemory m) {
            body.u32(m.world()).u64(m.address().value()).u32(m.length());
        } else if (message instanceof SessionRequest.Snapshot m) {
            body.string(m.path()).u8(m.flags()).u64(Math.max(m.base(), 0));
        } else if (message instanceof SessionRequest.RestoreSnapshot m) {
            body.string(m.path());
        } else if (message instanceof SessionRequest.SetWatches m) {
            body.u32(m.watches().size());
            m.watches().forEach(w -> body.u64(w.address().value()).u32(w.length()));
        } else if (message instanceof SessionRequest.ReadRegisters || message instanceof SessionRequest.Threads
                || message instanceof SessionRequest.Close
                || message instanceof SessionRequest.Pause || message instanceof SessionRequest.Save
                || message instanceof SessionReply.Done) {
            return true;
        } else {
            return encodeReply(message, body);
        }
        return true;
    }

    private static boolean encodeReply(WireMessage message, WireFields.Body body) {
        if (message instanceof SessionReply.Stopped m) {
            stop(m.stop(), body);
        } else if (message instanceof SessionReply.Output m) {
            body.u8(m.channel().wire).bytes(m.bytes());
        } else if (message instanceof SessionReply.BreakpointsSet m) {
            body.u32(m.armed());
        } else if (message instanceof SessionReply.SnapshotDone m) {
            body.u64(m.event().value()).u64(m.size()).bool(m.based());
        } else if (message instanceof SessionReply.CallResult m) {
            body.bool(m.ok()).u64(m.rax()).u32(m.returnType()).u32(m.world()).string(m.error());
        } else if (message instanceof SessionReply.Symbol m) {
            body.string(m.name()).u64(m.entry().value());
        } else if (message instanceof SessionReply.Saved m) {
            body.u32(m.savepoint()).u64(m.event().value()).u64(m.memoryBytes());
        } else if (message instanceof SessionReply.RegistersReply m) {
            m.registers().general().values().forEach(body::u64);
            body.raw(m.registers().fxsave());
        } else if (message instanceof SessionReply.Memory m) {
            body.bytes(m.bytes());
        } else if (message instanceof SessionReply.Addresses m) {
            body.u32(m.actualLine()).u32(m.addresses().size());
            m.addresses().forEach(a -> body.u64(a.value()));
        } else if (message instanceof SessionReply.ThreadList m) {
            body.u32(m.recorded()).u32(m.current()).u32(m.threads().size());
            m.threads().forEach(t -> body.u32(t.tid()).string(t.name()));
        } else if (message instanceof SessionReply.Frames m) {
            body.u32(m.frames().size());
            for (Frame f : m.frames()) {
                body.u64(f.pc().value()).u64(f.cfa().value()).string(f.function()).string(f.module())
                        .string(f.file()).u32(f.line()).u32(f.column()).bool(f.hasDebugInfo()).bool(f.inlined());
            }
        } else if (message instanceof SessionReply.VariableList m) {
            body.u32(m.variables().size());
            for (Variable v : m.variables()) {
                body.string(v.name()).u8(v.kind().wire).u32(v.typeId()).u32(v.depth()).u8(v.location().wire)
                        .u64(v.address().value()).bytes(v.bytes());
            }
        } else if (message instanceof SessionReply.TypeInfoReply m) {
            encodeType(m.info(), body);
        } else if (message instanceof SessionReply.CxxTypeInfo m) {
            body.u32(m.facts().typeId()).u8(m.facts().reference()).u32(m.facts().baseMembers().size());
            m.facts().baseMembers().forEach(body::u32);
            body.u32(m.facts().templateArgs().size());
            m.facts().templateArgs().forEach(body::u32);
            body.u32(m.dynamicType()).u64(m.dynamicAddress().value());
        } else if (message instanceof SessionReply.RustTypeInfo m) {
            RustVariants v = m.variants();
            body.u32(v.typeId()).u8(v.state()).u32(v.discrType()).u64(v.discrOffset()).u32(v.variants().size());
            v.variants().forEach(x -> body.string(x.name()).u32(x.typeId()).u64(x.offset()).u8(x.hasDiscr() ? 1 : 0)
                    .u64(x.discr()));
        } else if (message instanceof SessionReply.Instructions m) {
            body.u32(m.instructions().size());
            m.instructions().forEach(i -> body.u64(i.address().value()).bytes(i.bytes()).string(i.text()));
        } else {
            return false;
        }
        return true;
    }

    private static void encodeType(TypeInfo t, WireFields.Body body) {
        body.u32(t.id()).u8(t.kind().wire()).string(t.name()).u64(t.size()).u32(t.target()).u64(t.count());
        if (t.kind() == TypeKind.ENUM) {
            body.u32(t.enumerators().size());
            t.enumerators().forEach(e -> body.string(e.name()).u64(e.value()));
        } else {
            body.u32(t.members().size());
            t.members().forEach(m -> body.string(m.name()).u32(m.typeId()).u64(m.offset()).u32(m.bitOffset())
                    .u32(m.bitSize()));
        }
    }

    /** Reads the fields of session message {@code type}; null when the type is not a session message. */
    static WireMessage decode(int type, ByteBuffer in) throws WireFormatException {
        return switch (type) {
            case 9 -> new SessionRequest.Open(string(in));
            case 10 -> new SessionRequest.Resume(ResumeMode.ofWire(u8(in)));
            case 11 -> new SessionRequest.SetBreakpoints(addresses(in));
            case 12 -> new SessionRequest.ReadRegisters();
            case 13 -> new SessionRequest.ReadMemory(address(in), in.getInt());
            case 14 -> new SessionRequest.Close();
            case 15 -> new SessionRequest.LineAddresses(string(in), in.getInt());
            case 16 -> new SessionRequest.FunctionAddresses(string(in));
            case 17 -> new SessionRequest.Stack(in.getInt());
            case 18 -> new SessionRequest.Variables(in.getInt(), Scope.ofWire(u8(in)));
            case 19 -> new SessionRequest.Type(in.getInt());
            case 60 -> new SessionRequest.CxxType(in.getInt(), address(in));
            case 61 -> cxxTypeInfo(in);
            case 64 -> new SessionRequest.RustType(in.getInt());
            case 65 -> rustTypeInfo(in);
            case 74 -> new SessionRequest.LookupName(string(in));
            case 75 -> named(in);
            case 20 -> new SessionRequest.Pause();
            case 21 -> new SessionRequest.Disassemble(address(in), in.getInt());
            case 22 -> new SessionRequest.RunToEvent(EventIndex.of(in.getLong()));
            case 23 -> new SessionRequest.Save();
            case 24 -> new SessionRequest.Restore(in.getInt());
            case 25 -> new SessionRequest.Drop(in.getInt());
            case 26 -> new SessionRequest.SavepointInfo(in.getInt());
            case 42 -> new SessionReply.Saved(in.getInt(), EventIndex.of(in.getLong()), in.getLong());
            case 43 -> new SessionReply.Done();
            case 27 -> call(in);
            case 54 -> new SessionRequest.ReadCallMemory(in.getInt(), address(in), in.getInt());
            case 55 -> new SessionRequest.SymbolAt(address(in));
            case 56 -> new SessionReply.Symbol(string(in), address(in));
            case 57 -> new SessionRequest.Threads();
            case 58 -> threadList(in);
            case 59 -> new SessionRequest.SelectThread(in.getInt());
            case 28 -> new SessionRequest.SetWatches(watches(in));
            case 29 -> snapshot(in);
            case 30 -> new SessionRequest.RestoreSnapshot(string(in));
            case 45 -> new SessionReply.SnapshotDone(EventIndex.of(in.getLong()), in.getLong(), bool(in));
            case 44 -> new SessionReply.CallResult(bool(in), in.getLong(), in.getInt(), in.getInt(), string(in));
            case 32 -> new SessionReply.Stopped(stop(in));
            case 33 -> new SessionReply.Output(OutputChannel.ofWire(u8(in)), WireFields.bytes(in));
            case 34 -> new SessionReply.BreakpointsSet(in.getInt());
            case 35 -> new SessionReply.RegistersReply(registers(in));
            case 36 -> new SessionReply.Memory(WireFields.bytes(in));
            case 37 -> new SessionReply.Addresses(in.getInt(), addresses(in));
            case 38 -> new SessionReply.Frames(frames(in));
            case 39 -> new SessionReply.VariableList(variables(in));
            case 40 -> new SessionReply.TypeInfoReply(typeInfo(in));
            case 41 -> new SessionReply.Instructions(instructions(in));
            default -> null;
        };
    }

    private static SessionRequest.Call call(ByteBuffer in) throws WireFormatException {
        RemoteAddress function = address(in);
        String name = string(in);
        int world = in.getInt();
        List<Long> arguments = arguments(in);
        int dataArguments = u8(in);
        return new SessionRequest.Call(function, name, world, arguments, dataArguments, WireFields.bytes(in));
    }

    private static SessionReply.CxxTypeInfo cxxTypeInfo(ByteBuffer in) throws WireFormatException {
        int id = in.getInt();
        int reference = u8(in);
        if (reference > 2) {
            throw new WireFormatException("CXX_TYPE_INFO: reference kind " + reference);
        }
        List<Integer> bases = ids(in, "base list");
        List<Integer> args = ids(in, "template argument list");
        int dynamic = in.getInt();
        return new SessionReply.CxxTypeInfo(new CxxFacts(id, reference, bases, args), dynamic, address(in));
    }

    private static SessionReply.Named named(ByteBuffer in) throws WireFormatException {
        SessionReply.NamedKind kind = SessionReply.NamedKind.ofWire(u8(in));
        RemoteAddress address = address(in);
        int type = in.getInt();
        int definitions = in.getInt();
        byte[] bytes = WireFields.bytes(in);
        if (bytes.length > 16) {
            throw new WireFormatException("NAMED: a constant of " + bytes.length + " bytes");
        }
        return new SessionReply.Named(kind, address, type, definitions, bytes);
    }

    private static SessionReply.RustTypeInfo rustTypeInfo(ByteBuffer in) throws WireFormatException {
        int id = in.getInt();
        int state = u8(in);
        int discrType = in.getInt();
        long discrOffset = in.getLong();
        int n = count(in, 25, "variant list");
        if (state > RustVariants.NOT_UNDERSTOOD || state != RustVariants.READ && n != 0 || discrOffset < 0
                || discrType < 0) {
            throw new WireFormatException("RUST_TYPE_INFO: state " + state + " with " + n + " variants");
        }
        List<RustVariants.Variant> variants = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = string(in);
            int type = in.getInt();
            long offset = in.getLong();
            boolean hasDiscr = bool(in);
            long discr = in.getLong();
            if (type < 0 || offset < 0) {
                throw new WireFormatException("RUST_TYPE_INFO: variant " + name + " type or offset out of range");
            }
            variants.add(new RustVariants.Variant(name, type, offset, hasDiscr, discr));
        }
        return new SessionReply.RustTypeInfo(new RustVariants(id, state, discrType, discrOffset, variants));
    }

    private static List<Integer> ids(ByteBuffer in, String what) throws WireFormatException {
        int n = count(in, 4, what);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.getInt());
        }
        return out;
    }

    private static List<Long> arguments(ByteBuffer in) throws WireFormatException {
        int n = count(in, 8, "argument list");
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.getLong());
        }
        return out;
    }

    private static SessionRequest.Snapshot snapshot(ByteBuffer in) throws WireFormatException {
        String path = string(in);
        int flags = u8(in);
        long base = in.getLong();
        if ((flags & ~(SessionRequest.Snapshot.TRACK | SessionRequest.Snapshot.BASE)) != 0 || base < 0) {
            throw new WireFormatException("a SNAPSHOT with flags " + flags + " and base " + base);
        }
        return new SessionRequest.Snapshot(path, (flags & SessionRequest.Snapshot.TRACK) != 0,
                (flags & SessionRequest.Snapshot.BASE) != 0 ? base : -1);
    }

    private static List<Watch> watches(ByteBuffer in) throws WireFormatException {
        int n = count(in, 12, "watch list");
        List<Watch> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RemoteAddress at = address(in);
            int length = in.getInt();
            if (length < 1 || length > Watch.MAX_LENGTH) {
                throw new WireFormatException("a watch of " + length + " bytes");
            }
            out.add(new Watch(at, length));
        }
        return out;
    }

    private static List<RemoteAddress> addresses(ByteBuffer in) throws WireFormatException {
        int n = count(in, 8, "address list");
        List<RemoteAddress> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(address(in));
        }
        return out;
    }

    /** STOPPED's fields, shared with LAST_ARRIVAL (SearchCodec). */
    static void stop(Stop s, WireFields.Body body) {
        body.u8(s.reason().wire).u64(s.event().value()).u64(s.pc().value()).u64(s.breakpoint().value())
                .u32(s.signo()).u32(s.waitStatus().raw()).u32(s.errorCode()).string(s.message()).u32(s.hits());
    }

    static Stop stop(ByteBuffer in) throws WireFormatException {
        StopReason reason = StopReason.ofWire(u8(in));
        EventIndex event = EventIndex.of(in.getLong());
        RemoteAddress pc = address(in);
        RemoteAddress breakpoint = address(in);
        int signo = in.getInt();
        WaitStatus status = new WaitStatus(in.getInt());
        int errorCode = in.getInt();
        String message = string(in);
        return new Stop(reason, event, pc, breakpoint, signo, status, errorCode, message, in.getInt());
    }

    private static Registers registers(ByteBuffer in) throws WireFormatException {
        List<Long> general = new ArrayList<>(GENERAL_REGISTERS);
        for (int i = 0; i < GENERAL_REGISTERS; i++) {
            general.add(in.getLong());
        }
        return new Registers(new GeneralRegisters(general), WireFields.raw(in, Registers.FXSAVE_SIZE));
    }

    private static SessionReply.ThreadList threadList(ByteBuffer in) throws WireFormatException {
        int recorded = in.getInt();
        int current = in.getInt();
        int n = count(in, 8, "thread list");
        List<dev.rewind.core.session.ReplayThread> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int tid = in.getInt();
            String name = string(in);
            if (tid <= 0) {
                throw new WireFormatException("THREAD_LIST names thread id " + Integer.toUnsignedString(tid));
            }
            out.add(new dev.rewind.core.session.ReplayThread(tid, name));
        }
        return new SessionReply.ThreadList(recorded, current, out);
    }

    private static List<Frame> frames(ByteBuffer in) throws WireFormatException {
        int n = count(in, 38, "frame list");
        List<Frame> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RemoteAddress pc = address(in);
            RemoteAddress cfa = address(in);
            String function = string(in);
            String module = string(in);
            String file = string(in);
            int line = in.getInt();
            int column = in.getInt();
            boolean debugInfo = bool(in);
            out.add(new Frame(pc, cfa, function, module, file, line, column, debugInfo, bool(in)));
        }
        return out;
    }

    private static List<Variable> variables(ByteBuffer in) throws WireFormatException {
        int n = count(in, 26, "variable list");
        List<Variable> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = string(in);
            VariableKind kind = VariableKind.ofWire(u8(in));
            int type = in.getInt();
            int depth = in.getInt();
            Location location = Location.ofWire(u8(in));
            RemoteAddress address = address(in);
            out.add(new Variable(name, kind, type, depth, location, address, WireFields.bytes(in)));
        }
        return out;
    }

    private static List<Instruction> instructions(ByteBuffer in) throws WireFormatException {
        int n = count(in, 16, "instruction list");
        List<Instruction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RemoteAddress address = address(in);
            byte[] bytes = WireFields.bytes(in);
            out.add(new Instruction(address, bytes, string(in)));
        }
        return out;
    }

    private static TypeInfo typeInfo(ByteBuffer in) throws WireFormatException {
        int id = in.getInt();
        TypeKind kind = TypeKind.ofWire(u8(in));
        String name = string(in);
        long size = in.getLong();
        int target = in.getInt();
        long count = in.getLong();
        List<TypeInfo.Member> members = new ArrayList<>();
        List<TypeInfo.Enumerator> enumerators = new ArrayList<>();
        int n = count(in, 12, "type entry list");
        for (int i = 0; i < n; i++) {
            if (kind == TypeKind.ENUM) {
                enumerators.add(new TypeInfo.Enumerator(string(in), in.getLong()));
            } else if (kind == TypeKind.STRUCT || kind == TypeKind.UNION || kind == TypeKind.FUNCTION) {
                members.add(new TypeInfo.Member(string(in), in.getInt(), in.getLong(), in.getInt(), in.getInt()));
            } else {
                throw new WireFormatException("type " + id + " of kind " + kind + " has " + n + " entries");
            }
        }
        return new TypeInfo(id, kind, name, size, target, count, members, enumerators);
    }
}
