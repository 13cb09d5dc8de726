/*
 * FakeProgram: a stopped program for the evaluator's tests, all in maps: C types by id, one memory
 * region at 0x1000, the frame's locals (with a shadowed name, a register parameter, an optimized-out
 * local) and globals (a linked list, an array, strings, bit-fields, an enum, a typedef), registers.
 */
package dev.rewind.core.eval;

import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Location;
import dev.rewind.core.session.Registers;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import dev.rewind.core.session.Variable;
import dev.rewind.core.session.VariableKind;
import dev.rewind.core.trace.GeneralRegisters;
import dev.rewind.core.values.ValueSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class FakeProgram implements ValueSource, EvalScope {
    static final int INT = 1, UINT = 2, CHAR = 3, UCHAR = 4, LONG = 5, DOUBLE = 6, NODE = 8, NODE_PTR = 9,
            NODE_T = 10, INT_ARRAY = 11, INT_PTR = 12, FLAGS = 13, COLOR = 14, CHAR_PTR = 15, POINT = 16,
            CHAR_ARRAY = 17, VOID_PTR = 18, NODE_T_PTR = 19;
    static final long BASE = 0x1000;

    final Map<Integer, TypeInfo> types = new HashMap<>();
    final byte[] memory = new byte[4096];
    final List<Variable> locals = new ArrayList<>();
    final List<Variable> globals = new ArrayList<>();
    int typeQueries;
    int memoryReads;

    FakeProgram() {
        base(INT, TypeKind.SIGNED_INT, "int", 4);
        base(UINT, TypeKind.UNSIGNED_INT, "unsigned int", 4);
        base(CHAR, TypeKind.CHAR, "char", 1);
        base(UCHAR, TypeKind.UNSIGNED_CHAR, "unsigned char", 1);
        base(LONG, TypeKind.SIGNED_INT, "long", 8);
        base(DOUBLE, TypeKind.FLOAT, "double", 8);
        struct(NODE, "struct node", 16, new TypeInfo.Member("value", INT, 0, 0, 0),
                new TypeInfo.Member("next", NODE_PTR, 8, 0, 0));
        pointer(NODE_PTR, NODE);
        types.put(NODE_T, new TypeInfo(NODE_T, TypeKind.TYPEDEF, "node_t", 0, NODE, 0, List.of(), List.of()));
        pointer(NODE_T_PTR, NODE_T);
        types.put(INT_ARRAY, new TypeInfo(INT_ARRAY, TypeKind.ARRAY, "", 20, INT, 5, List.of(), List.of()));
        types.put(CHAR_ARRAY, new TypeInfo(CHAR_ARRAY, TypeKind.ARRAY, "", 8, CHAR, 8, List.of(), List.of()));
        pointer(INT_PTR, INT);
        pointer(CHAR_PTR, CHAR);
        pointer(VOID_PTR, 0);
        struct(FLAGS, "struct flags", 4, new TypeInfo.Member("a", UINT, 0, 0, 3),
                new TypeInfo.Member("b", INT, 0, 3, 5));
        types.put(COLOR, new TypeInfo(COLOR, TypeKind.ENUM, "enum color", 4, 0, 0, List.of(), List.of(
                new TypeInfo.Enumerator("RED", 0), new TypeInfo.Enumerator("GREEN", 5),
                new TypeInfo.Enumerator("BLUE", 6))));
        struct(POINT, "struct point", 8, new TypeInfo.Member("x", INT, 0, 0, 0), new TypeInfo.Member("y", INT, 4, 0, 0));

        at(0x1000).putInt(7);
        local("i", INT, 1, 0x1000);
        at(0x1100).putInt(99);
        local("i", INT, 0, 0x1100); // the outer i, shadowed by the block's
        locals.add(new Variable("n", VariableKind.PARAMETER, INT, 0, Location.REGISTER, RemoteAddress.NULL,
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(12).array()));
        locals.add(new Variable("opt", VariableKind.LOCAL, INT, 0, Location.OPTIMIZED_OUT, RemoteAddress.NULL,
                new byte[0]));
        at(0x1104).putInt(1000);
        global("i", INT, 0x1104);
        for (int k = 0; k < 5; k++) {
            at(0x1010 + 4 * k).putInt(10 * (k + 1));
        }
        global("arr", INT_ARRAY, 0x1010);
        at(0x1030).putInt(1).putInt(0).putLong(0x1040);
        at(0x1040).putInt(2).putInt(0).putLong(0x1050);
        at(0x1050).putInt(3).putInt(0).putLong(0);
        at(0x1060).putLong(0x1030);
        global("head", NODE_PTR, 0x1060);
        at(0x1070).putInt(5 | ((-3 & 0x1f) << 3));
        global("bits", FLAGS, 0x1070);
        at(0x1080).put("rewind\0".getBytes(StandardCharsets.US_ASCII));
        global("name", CHAR_ARRAY, 0x1080);
        at(0x1090).putLong(0x1080);
        global("greeting", CHAR_PTR, 0x1090);
        at(0x10a0).putDouble(2.5);
        global("d", DOUBLE, 0x10a0);
        at(0x10b0).putInt(5);
        global("c", COLOR, 0x10b0);
        at(0x10c0).put((byte) 200);
        global("uc", UCHAR, 0x10c0);
        at(0x10c8).putInt(3).putInt(-4);
        global("pt", POINT, 0x10c8);
        at(0x10d0).putInt((int) 4_000_000_000L);
        global("u", UINT, 0x10d0);
        at(0x10d8).putLong(-5);
        global("l", LONG, 0x10d8);
        at(0x10e0).putLong(0);
        global("nullp", INT_PTR, 0x10e0);
        at(0x10e8).putLong(0x1000);
        global("vp", VOID_PTR, 0x10e8);
        at(0x10f0).putLong(0x1010);
        global("ip", INT_PTR, 0x10f0);
        at(0x10f8).putLong(0x1050);
        global("tail", NODE_T_PTR, 0x10f8);
    }

    private void base(int id, TypeKind kind, String name, long size) {
        types.put(id, new TypeInfo(id, kind, name, size, 0, 0, List.of(), List.of()));
    }

    private void pointer(int id, int target) {
        types.put(id, new TypeInfo(id, TypeKind.POINTER, "", 8, target, 0, List.of(), List.of()));
    }

    private void struct(int id, String name, long size, TypeInfo.Member... members) {
        types.put(id, new TypeInfo(id, TypeKind.STRUCT, name, size, 0, 0, List.of(members), List.of()));
    }

    private void local(String name, int type, int depth, long address) {
        locals.add(new Variable(name, VariableKind.LOCAL, type, depth, Location.MEMORY, RemoteAddress.of(address),
                new byte[0]));
    }

    private void global(String name, int type, long address) {
        globals.add(new Variable(name, VariableKind.GLOBAL, type, 0, Location.MEMORY, RemoteAddress.of(address),
                new byte[0]));
    }

    ByteBuffer at(long address) {
        return ByteBuffer.wrap(memory).order(ByteOrder.LITTLE_ENDIAN).position((int) (address - BASE));
    }

    @Override
    public TypeInfo type(int id) {
        typeQueries++;
        if (id == 0) {
            return new TypeInfo(0, TypeKind.VOID, "void", 0, 0, 0, List.of(), List.of());
        }
        TypeInfo t = types.get(id);
        if (t == null) {
            throw new AssertionError("no type " + id);
        }
        return t;
    }

    @Override
    public byte[] readMemory(RemoteAddress address, int length) {
        memoryReads++;
        long off = address.value() - BASE;
        if (off < 0 || off >= memory.length) {
            return new byte[0];
        }
        int n = (int) Math.min(length, memory.length - off);
        byte[] out = new byte[n];
        System.arraycopy(memory, (int) off, out, 0, n);
        return out;
    }

    @Override
    public List<Variable> locals() {
        return Collections.unmodifiableList(locals);
    }

    @Override
    public List<Variable> globals() {
        return Collections.unmodifiableList(globals);
    }

    @Override
    public Optional<Registers> registers() {
        List<Long> values = new ArrayList<>(Collections.nCopies(GeneralRegisters.NAMES.size(), 0L));
        values.set(GeneralRegisters.NAMES.indexOf("rip"), 0x401136L);
        values.set(GeneralRegisters.NAMES.indexOf("rax"), 42L);
        return Optional.of(new Registers(new GeneralRegisters(values), new byte[Registers.FXSAVE_SIZE]));
    }
}
