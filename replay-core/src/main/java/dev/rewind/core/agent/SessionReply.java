/*
 * SessionReply: the messages the agent sends during a debugging session (types 32-40 of
 * protocol/wire-protocol.md). They carry the session model records of dev.rewind.core.session.
 */
package dev.rewind.core.agent;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Frame;
import dev.rewind.core.session.Instruction;
import dev.rewind.core.session.OutputChannel;
import dev.rewind.core.session.Registers;
import dev.rewind.core.session.CxxFacts;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.Variable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

public final class SessionReply {
    private SessionReply() {
    }

    /** The replay stopped. */
    public record Stopped(Stop stop) implements WireMessage {
        public Stopped {
            Objects.requireNonNull(stop, "stop");
        }

        @Override
        public int type() {
            return 32;
        }
    }

    /** Recorded program output the replay just passed. */
    public record Output(OutputChannel channel, byte[] bytes) implements WireMessage {
        public Output {
            Objects.requireNonNull(channel, "channel");
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public int type() {
            return 33;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Output other && channel == other.channel && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return channel.hashCode() * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Output[" + channel + ", " + bytes.length + " bytes]";
        }
    }

    /** How many breakpoint addresses are mapped and armed now. */
    public record BreakpointsSet(int armed) implements WireMessage {
        public BreakpointsSet {
            if (armed < 0) {
                throw new IllegalArgumentException("armed count out of range: " + Integer.toUnsignedString(armed));
            }
        }

        @Override
        public int type() {
            return 34;
        }
    }

    public record RegistersReply(Registers registers) implements WireMessage {
        public RegistersReply {
            Objects.requireNonNull(registers, "registers");
        }

        @Override
        public int type() {
            return 35;
        }
    }

    /** Memory bytes; empty when the memory is not readable. */
    public record Memory(byte[] bytes) implements WireMessage {
        public Memory {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public int type() {
            return 36;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Memory other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Memory[" + bytes.length + " bytes]";
        }
    }

    /** Code addresses; actualLine 0 when the request was not about a line. */
    public record Addresses(int actualLine, List<RemoteAddress> addresses) implements WireMessage {
        public Addresses {
            addresses = List.copyOf(addresses);
            if (actualLine < 0) {
                throw new IllegalArgumentException("line out of range: " + Integer.toUnsignedString(actualLine));
            }
        }

        @Override
        public int type() {
            return 37;
        }
    }

    public record Frames(List<Frame> frames) implements WireMessage {
        public Frames {
            frames = List.copyOf(frames);
        }

        @Override
        public int type() {
            return 38;
        }
    }

    public record VariableList(List<Variable> variables) implements WireMessage {
        public VariableList {
            variables = List.copyOf(variables);
        }

        @Override
        public int type() {
            return 39;
        }
    }

    public record TypeInfoReply(TypeInfo info) implements WireMessage {
        public TypeInfoReply {
            Objects.requireNonNull(info, "info");
        }

        @Override
        public int type() {
            return 40;
        }
    }

    /** Decoded instructions (fewer than asked where memory ends or bytes do not decode). */
    public record Instructions(List<Instruction> instructions) implements WireMessage {
        public Instructions {
            instructions = List.copyOf(instructions);
        }

        @Override
        public int type() {
            return 41;
        }
    }

    /** A save point: its id, the next event to replay there, and the memory only it holds. */
    public record Saved(int savepoint, EventIndex event, long memoryBytes) implements WireMessage {
        public Saved {
            checkSavepoint(savepoint);
            Objects.requireNonNull(event, "event");
            if (memoryBytes < 0) {
                throw new IllegalArgumentException("memory must be >= 0, got " + memoryBytes);
            }
        }

        @Override
        public int type() {
            return 42;
        }
    }

    /** The request (DROP) is done. */
    public record Done() implements WireMessage {
        @Override
        public int type() {
            return 43;
        }
    }

    /**
     * The result of a CALL: ok and the returned rax, or the error; the function's DWARF return type id (0 void,
     * -1 (0xffffffff) when the function has no debug information); the call world now holding the result
     * (0 when the call failed: a failed call's world is gone).
     */
    public record CallResult(boolean ok, long rax, int returnType, int world, String error) implements WireMessage {
        public CallResult {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public int type() {
            return 44;
        }
    }

    static void checkSavepoint(int savepoint) {
        if (savepoint <= 0) {
            throw new IllegalArgumentException("save point ids start at 1, got " + Integer.toUnsignedString(savepoint));
        }
    }

    /**
     * A snapshot was written: the event it stands before, its size in bytes, and whether it names
     * pages of the base snapshot the request gave (then only the page store can complete it).
     */
    public record SnapshotDone(EventIndex event, long size, boolean based) implements WireMessage {
        public SnapshotDone {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public int type() {
            return 45;
        }
    }

    /**
     * THREAD_LIST: how many threads the whole recording holds (1 for every recording before trace
     * format 4), the threads that live now, and the recorded tid of the one that moves now (0, and
     * no threads, when the program is gone or the recording named none yet).
     */
    public record ThreadList(int recorded, int current, java.util.List<dev.rewind.core.session.ReplayThread> threads)
            implements WireMessage {
        public ThreadList {
            threads = java.util.List.copyOf(threads);
        }

        @Override
        public int type() {
            return 58;
        }
    }

    /** The function a SYMBOL_AT address is in: its name and entry; an empty name when none is known. */
    public record Symbol(String name, RemoteAddress entry) implements WireMessage {
        public Symbol {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public int type() {
            return 56;
        }
    }

    /**
     * CXX_TYPE_INFO: the C++ facts of a type, and the dynamic class of the object asked about
     * (dynamicType 0: unknown).
     */
    public record CxxTypeInfo(CxxFacts facts, int dynamicType, RemoteAddress dynamicAddress) implements WireMessage {
        public CxxTypeInfo {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(dynamicAddress, "dynamicAddress");
        }

        @Override
        public int type() {
            return 61;
        }
    }

    /** RUST_TYPE_INFO: the variant part of a Rust enum type. */
    public record RustTypeInfo(dev.rewind.core.session.RustVariants variants) implements WireMessage {
        public RustTypeInfo {
            Objects.requireNonNull(variants, "variants");
        }

        @Override
        public int type() {
            return 65;
        }
    }

    /**
     * NAMED: what a LOOKUP_NAME name stands for: nothing, a variable in memory (at address), a
     * function (entry at address, typeId its function type, 0 without debug information; definitions
     * how many functions share the name), a variable that is a constant (its bytes), or a variable
     * without a location.
     */
    public record Named(NamedKind kind, RemoteAddress address, int typeId, int definitions, byte[] bytes)
            implements WireMessage {
        public Named {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(address, "address");
            bytes = bytes.clone();
            if (bytes.length > 16) {
                throw new IllegalArgumentException("a constant of " + bytes.length + " bytes (at most 16)");
            }
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Named n && n.kind == kind && n.address.equals(address) && n.typeId == typeId
                    && n.definitions == definitions && java.util.Arrays.equals(n.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, address, typeId, definitions, java.util.Arrays.hashCode(bytes));
        }

        @Override
        public int type() {
            return 75;
        }
    }

    /** NAMED's kinds, by their wire numbers. */
    public enum NamedKind {
        NONE, MEMORY, FUNCTION, CONSTANT, NO_LOCATION;

        static NamedKind ofWire(int v) throws WireFormatException {
            if (v < 0 || v >= values().length) {
                throw new WireFormatException("NAMED: kind " + v);
            }
            return values()[v];
        }
    }
}
