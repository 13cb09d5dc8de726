/*
 * SessionRequest: the messages Java sends during a debugging session (types 9-19 of
 * protocol/wire-protocol.md, "Debugging sessions"). Each is a WireMessage; WireCodec frames them.
 */
package dev.rewind.core.agent;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.Scope;
import dev.rewind.core.session.Watch;
import java.util.List;
import java.util.Objects;

public final class SessionRequest {
    /** Largest READ_MEMORY length the agent accepts. */
    public static final int MAX_READ = 1 << 20;
    /** Most instructions one DISASSEMBLE may ask for. */
    public static final int MAX_DISASSEMBLE = 4096;

    private SessionRequest() {
    }

    /** Starts a replay session on traceDir; answered by STOPPED (entry) or ERROR. */
    public record Open(String traceDir) implements WireMessage {
        public Open {
            Objects.requireNonNull(traceDir, "traceDir");
        }

        @Override
        public int type() {
            return 9;
        }
    }

    /** Runs the replay (OUTPUT messages, then one STOPPED). */
    public record Resume(ResumeMode mode) implements WireMessage {
        public Resume {
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public int type() {
            return 10;
        }
    }

    /** Replaces the set of breakpoint addresses; answered by BREAKPOINTS_SET. */
    public record SetBreakpoints(List<RemoteAddress> addresses) implements WireMessage {
        public SetBreakpoints {
            addresses = List.copyOf(addresses);
        }

        @Override
        public int type() {
            return 11;
        }
    }

    /** Answered by REGISTERS. */
    public record ReadRegisters() implements WireMessage {
        @Override
        public int type() {
            return 12;
        }
    }

    /** Answered by MEMORY (empty when not readable). */
    public record ReadMemory(RemoteAddress address, int length) implements WireMessage {
        public ReadMemory {
            Objects.requireNonNull(address, "address");
            if (length < 0 || length > MAX_READ) {
                throw new IllegalArgumentException("read length must be 0.." + MAX_READ + ", got "
                        + Integer.toUnsignedString(length));
            }
        }

        @Override
        public int type() {
            return 13;
        }
    }

    /** Ends the session (the replayed process is killed). */
    public record Close() implements WireMessage {
        @Override
        public int type() {
            return 14;
        }
    }

    /** Where a source line begins; answered by ADDRESSES (with the actual line) or ERROR 9. */
    public record LineAddresses(String file, int line) implements WireMessage {
        public LineAddresses {
            Objects.requireNonNull(file, "file");
            if (line <= 0) {
                throw new IllegalArgumentException("line must be > 0, got " + Integer.toUnsignedString(line));
            }
        }

        @Override
        public int type() {
            return 15;
        }
    }

    /** The body addresses of the functions named name; answered by ADDRESSES or ERROR 9. */
    public record FunctionAddresses(String name) implements WireMessage {
        public FunctionAddresses {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public int type() {
            return 16;
        }
    }

    /** LOOKUP_NAME: what {@code name} stands for in the whole program (a variable or a function); NAMED answers. */
    public record LookupName(String name) implements WireMessage {
        public LookupName {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public int type() {
            return 74;
        }
    }

    /** The call stack, innermost first, at most maxFrames; answered by FRAMES. */
    public record Stack(int maxFrames) implements WireMessage {
        public Stack {
            if (maxFrames <= 0) {
                throw new IllegalArgumentException("max frames must be > 0, got " + Integer.toUnsignedString(maxFrames));
            }
        }

        @Override
        public int type() {
            return 17;
        }
    }

    /** The variables of a frame (or its compilation unit's globals); answered by VARIABLE_LIST. */
    public record Variables(int frame, Scope scope) implements WireMessage {
        public Variables {
            Objects.requireNonNull(scope, "scope");
            if (frame < 0) {
                throw new IllegalArgumentException("frame must be >= 0, got " + Integer.toUnsignedString(frame));
            }
        }

        @Override
        public int type() {
            return 18;
        }
    }

    /** A type by id; answered by TYPE_INFO or ERROR 9. */
    public record Type(int typeId) implements WireMessage {
        public Type {
            if (typeId < 0) {
                throw new IllegalArgumentException("type id out of range: " + Integer.toUnsignedString(typeId));
            }
        }

        @Override
        public int type() {
            return 19;
        }
    }

    /** Stops a running RESUME (which then answers STOPPED paused); ignored otherwise; no reply. */
    public record Pause() implements WireMessage {
        @Override
        public int type() {
            return 20;
        }
    }

    /** Decodes up to count instructions from address; answered by INSTRUCTIONS. */
    public record Disassemble(RemoteAddress address, int count) implements WireMessage {
        public Disassemble {
            Objects.requireNonNull(address, "address");
            if (count <= 0 || count > MAX_DISASSEMBLE) {
                throw new IllegalArgumentException("instruction count must be 1.." + MAX_DISASSEMBLE + ", got "
                        + Integer.toUnsignedString(count));
            }
        }

        @Override
        public int type() {
            return 21;
        }
    }

    /** Runs until the next event to replay is {@code event}; answered by STOPPED (AT_EVENT). */
    public record RunToEvent(EventIndex event) implements WireMessage {
        public RunToEvent {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public int type() {
            return 22;
        }
    }

    /** Makes a save point where the replay stands; answered by SAVED. */
    public record Save() implements WireMessage {
        @Override
        public int type() {
            return 23;
        }
    }

    /** Continues from save point {@code savepoint}; answered by STOPPED (AT_EVENT). */
    public record Restore(int savepoint) implements WireMessage {
        public Restore {
            SessionReply.checkSavepoint(savepoint);
        }

        @Override
        public int type() {
            return 24;
        }
    }

    /** Frees save point {@code savepoint}; answered by DONE. */
    public record Drop(int savepoint) implements WireMessage {
        public Drop {
            SessionReply.checkSavepoint(savepoint);
        }

        @Override
        public int type() {
            return 25;
        }
    }

    /** Asks how much memory save point {@code savepoint} holds now; answered by SAVED. */
    public record SavepointInfo(int savepoint) implements WireMessage {
        public SavepointInfo {
            SessionReply.checkSavepoint(savepoint);
        }

        @Override
        public int type() {
            return 26;
        }
    }

    /**
     * Calls the function at {@code function} (an address inside it: the agent calls its entry), named
     * {@code name} (an IFUNC's name makes the agent call its resolver first, then the implementation it
     * chose), with up to 6 integer/pointer arguments; answered by CALL_RESULT. The call runs in call world
     * {@code world} (a CALL_RESULT's world, so the calls of one evaluation see each other's writes), or in a
     * new throwaway fork of the current moment for world 0. {@code data} is written into the world below the
     * stack first; the arguments whose bit is set in {@code dataArguments} are offsets into it (string
     * literals), to which the agent adds its address.
     */
    public record Call(RemoteAddress function, String name, int world, List<Long> arguments, int dataArguments,
                       byte[] data) implements WireMessage {
        public Call {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(name, "name");
            arguments = List.copyOf(arguments);
            data = data.clone();
            if (arguments.size() > 6) {
                throw new IllegalArgumentException("at most 6 arguments, got " + arguments.size());
            }
            if ((dataArguments >>> arguments.size()) != 0) {
                throw new IllegalArgumentException("data argument bits " + dataArguments + " beyond the arguments");
            }
            if (data.length > MAX_CALL_DATA) {
                throw new IllegalArgumentException("at most " + MAX_CALL_DATA + " bytes of call data");
            }
        }

        /** Most bytes of data (string literals) one call may take. */
        public static final int MAX_CALL_DATA = 64 << 10;

        /** A call of {@code function} with plain integer arguments in a new world. */
        public Call(RemoteAddress function, List<Long> arguments) {
            this(function, "", 0, arguments, 0, new byte[0]);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Call c && c.function.equals(function) && c.name.equals(name) && c.world == world
                    && c.arguments.equals(arguments) && c.dataArguments == dataArguments
                    && java.util.Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(function, name, world, arguments, dataArguments, java.util.Arrays.hashCode(data));
        }

        @Override
        public int type() {
            return 27;
        }
    }

    /** Replaces the data breakpoints (write watchpoints); answered by DONE. */
    public record SetWatches(List<Watch> watches) implements WireMessage {
        public SetWatches {
            watches = List.copyOf(watches);
            if (watches.size() > Watch.MAX_COUNT) {
                throw new IllegalArgumentException("at most " + Watch.MAX_COUNT + " data breakpoints, got "
                        + watches.size());
            }
        }

        @Override
        public int type() {
            return 28;
        }
    }

    /**
     * Writes the snapshot of this moment into a new file at {@code path}; answered by SNAPSHOT_DONE.
     * {@code track}: keep track of the pages written from now on, for the next snapshot;
     * {@code base}: the event of this session's snapshot the page store holds, whose untouched
     * pages the body may name instead of holding (-1: none).
     */
    public record Snapshot(String path, boolean track, long base) implements WireMessage {
        public static final int TRACK = 1;
        public static final int BASE = 2;

        public Snapshot {
            Objects.requireNonNull(path, "path");
            if (base < -1) {
                throw new IllegalArgumentException("a base event is -1 or an event, got " + base);
            }
        }

        /** A full snapshot that leaves write tracking as it is. */
        public Snapshot(String path) {
            this(path, false, -1);
        }

        int flags() {
            return (track ? TRACK : 0) | (base >= 0 ? BASE : 0);
        }

        @Override
        public int type() {
            return 29;
        }
    }

    /** Goes on from the snapshot in the file at {@code path}; answered by STOPPED (at its event). */
    public record RestoreSnapshot(String path) implements WireMessage {
        public RestoreSnapshot {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public int type() {
            return 30;
        }
    }

    /** Reads memory of call world {@code world} (a CALL_RESULT's), not the replay's; answered by MEMORY. */
    public record ReadCallMemory(int world, RemoteAddress address, int length) implements WireMessage {
        public ReadCallMemory {
            Objects.requireNonNull(address, "address");
            if (world == 0) {
                throw new IllegalArgumentException("call world 0 is no world");
            }
            if (length < 0 || length > (1 << 20)) {
                throw new IllegalArgumentException("read length " + length + " is not in 0..1 MiB");
            }
        }

        @Override
        public int type() {
            return 54;
        }
    }

    /** The threads that live at this moment; answered by THREAD_LIST. */
    public record Threads() implements WireMessage {
        @Override
        public int type() {
            return 57;
        }
    }

    /**
     * Whose registers READ_REGISTERS and STACK read from now on: the thread with recorded tid
     * {@code tid}, or 0 for the thread that moves now; answered by DONE (ERROR 9: no such thread).
     */
    public record SelectThread(int tid) implements WireMessage {
        public SelectThread {
            if (tid < 0) {
                throw new IllegalArgumentException("a thread id is >= 0, got " + tid);
            }
        }

        @Override
        public int type() {
            return 59;
        }
    }

    /** Which function contains {@code address} (from its entry on); answered by SYMBOL. */
    public record SymbolAt(RemoteAddress address) implements WireMessage {
        public SymbolAt {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return 55;
        }
    }

    /** The variant part of a Rust enum type (RUST_TYPE_INFO answers). */
    public record RustType(int typeId) implements WireMessage {
        public RustType {
            if (typeId < 0) {
                throw new IllegalArgumentException("type id out of range: " + Integer.toUnsignedString(typeId));
            }
        }

        @Override
        public int type() {
            return 64;
        }
    }

    /** The C++ facts of a type and, when {@code object} is not 0, the dynamic class of the object there. */
    public record CxxType(int typeId, RemoteAddress object) implements WireMessage {
        public CxxType {
            Objects.requireNonNull(object, "object");
            if (typeId < 0) {
                throw new IllegalArgumentException("type id out of range: " + Integer.toUnsignedString(typeId));
            }
        }

        @Override
        public int type() {
            return 60;
        }
    }
}
