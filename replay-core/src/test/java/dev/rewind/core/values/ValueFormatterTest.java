/*
 * ValueFormatterTest: C values formatted from types and bytes, against a map-backed ValueSource:
 * integers, characters, bools, floats, enums, pointers and char * strings, arrays (summary and
 * paged children), structs with bitfields, typedef/const see-through, unreadable memory.
 */
package dev.rewind.core.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Location;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import dev.rewind.core.session.Variable;
import dev.rewind.core.session.VariableKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueFormatterTest {
    private static final int INT = 1, UCHAR = 2, CHAR = 3, BOOL = 4, DOUBLE = 5, ENUM = 6, CHAR_PTR = 7, CONST_CHAR = 8,
            ARRAY = 9, STRUCT = 10, TYPEDEF = 11, PTR_STRUCT = 12, UINT = 13, FLOAT = 14, LONG = 15, CHARS = 16;

    /** Types by id, and memory as one region at 0x1000. */
    private static final class FakeSource implements ValueSource {
        final Map<Integer, TypeInfo> types = new HashMap<>();
        final byte[] memory = new byte[4096];
        static final long BASE = 0x1000;
        int reads;

        void type(int id, TypeKind kind, String name, long size, int target, long count) {
            types.put(id, new TypeInfo(id, kind, name, size, target, count, List.of(), List.of()));
        }

        @Override
        public TypeInfo type(int id) {
            TypeInfo t = types.get(id);
            if (t == null) {
                throw new AssertionError("no type " + id);
            }
            return t;
        }

        @Override
        public byte[] readMemory(RemoteAddress address, int length) {
            reads++;
            long off = address.value() - BASE;
            if (off < 0 || off >= memory.length) {
                return new byte[0];
            }
            int n = (int) Math.min(length, memory.length - off);
            byte[] out = new byte[n];
            System.arraycopy(memory, (int) off, out, 0, n);
            return out;
        }

        ByteBuffer at(long address) {
            return ByteBuffer.wrap(memory).order(ByteOrder.LITTLE_ENDIAN).position((int) (address - BASE));
        }
    }

    private final FakeSource src = new FakeSource();
    private final ValueFormatter f = new ValueFormatter(src);

    ValueFormatterTest() {
        src.type(INT, TypeKind.SIGNED_INT, "int", 4, 0, 0);
        src.type(UINT, TypeKind.UNSIGNED_INT, "unsigned int", 4, 0, 0);
        src.type(LONG, TypeKind.SIGNED_INT, "long", 8, 0, 0);
        src.type(UCHAR, TypeKind.UNSIGNED_CHAR, "unsigned char", 1, 0, 0);
        src.type(CHAR, TypeKind.CHAR, "char", 1, 0, 0);
        src.type(BOOL, TypeKind.BOOL, "_Bool", 1, 0, 0);
        src.type(DOUBLE, TypeKind.FLOAT, "double", 8, 0, 0);
        src.type(FLOAT, TypeKind.FLOAT, "float", 4, 0, 0);
        src.types.put(ENUM, new TypeInfo(ENUM, TypeKind.ENUM, "enum color", 4, 0, 0, List.of(),
                List.of(new TypeInfo.Enumerator("RED", 0), new TypeInfo.Enumerator("GREEN", 5))));
        src.type(CONST_CHAR, TypeKind.CONST, "", 0, CHAR, 0);
        src.type(CHAR_PTR, TypeKind.POINTER, "", 8, CONST_CHAR, 0);
        src.type(ARRAY, TypeKind.ARRAY, "", 4 * 300, INT, 300);
        src.type(CHARS, TypeKind.ARRAY, "", 8, CHAR, 8);
        src.types.put(STRUCT, new TypeInfo(STRUCT, TypeKind.STRUCT, "struct s", 8, 0, 0, List.of(
                new TypeInfo.Member("x", INT, 0, 0, 0),
                new TypeInfo.Member("a", UINT, 4, 0, 3),
                new TypeInfo.Member("b", INT, 4, 3, 5)), List.of()));
        src.type(TYPEDEF, TypeKind.TYPEDEF, "s_t", 0, STRUCT, 0);
        src.type(PTR_STRUCT, TypeKind.POINTER, "", 8, TYPEDEF, 0);
    }

    private Value bytes(int type, int... values) throws Exception {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return f.format("v", type, Placed.ofBytes(b));
    }

    private Value bytes(int type, byte[] b) throws Exception {
        return f.format("v", type, Placed.ofBytes(b));
    }

    @Test
    void scalars() throws Exception {
        assertEquals("-2", bytes(INT, 0xfe, 0xff, 0xff, 0xff).display());
        assertEquals("4294967294", bytes(UINT, 0xfe, 0xff, 0xff, 0xff).display());
        assertEquals("-9223372036854775808", bytes(LONG, 0, 0, 0, 0, 0, 0, 0, 0x80).display());
        assertEquals("97 'a'", bytes(CHAR, 'a').display());
        assertEquals("10 '\\n'", bytes(CHAR, 10).display());
        assertEquals("200 '\\310'", bytes(UCHAR, 200).display());
        assertEquals("-56 '\\310'", bytes(CHAR, 200).display());
        assertEquals("true", bytes(BOOL, 1).display());
        assertEquals("false", bytes(BOOL, 0).display());
        byte[] d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(2.5).array();
        assertEquals("2.5", bytes(DOUBLE, d).display());
        byte[] fl = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).array();
        assertEquals("0.25", bytes(FLOAT, fl).display());
        assertEquals("GREEN", bytes(ENUM, 5, 0, 0, 0).display());
        assertEquals("7", bytes(ENUM, 7, 0, 0, 0).display());
        assertEquals("int", bytes(INT, 1, 0, 0, 0).typeName());
    }

    @Test
    void charPointersShowTheirString() throws Exception {
        long str = 0x1100;
        src.at(str).put("hi \"there\"\n\0".getBytes(StandardCharsets.UTF_8));
        Value v = f.format("p", CHAR_PTR, Placed.ofBytes(le(str)));
        assertEquals("0x1100 \"hi \\\"there\\\"\\n\"", v.display());
        assertEquals("const char *", v.typeName());
        Value unreadable = f.format("p", CHAR_PTR, Placed.ofBytes(le(0xdead0000L)));
        assertEquals("0xdead0000 <unreadable>", unreadable.display());
        Value nul = f.format("p", CHAR_PTR, Placed.ofBytes(le(0)));
        assertEquals("0x0", nul.display());
        assertTrue(nul.expansion().isEmpty());
        long longStr = 0x1200;
        src.at(longStr).put("x".repeat(300).getBytes(StandardCharsets.UTF_8));
        String shown = f.format("p", CHAR_PTR, Placed.ofBytes(le(longStr))).display();
        assertTrue(shown.endsWith("x\"..."), shown);
        assertEquals(ValueFormatter.MAX_STRING, shown.chars().filter(c -> c == 'x').count() - 1); // 0x prefix
    }

    @Test
    void structsWithBitfieldsThroughTypedefAndPointer() throws Exception {
        long s = 0x1300;
        // x = -7; a = 5 (bits 0-2 of byte 4), b = -3 (bits 3-7: 0b11101)
        src.at(s).putInt(-7).put((byte) (5 | (0b11101 << 3)));
        Value v = f.format("s", TYPEDEF, Placed.inMemory(RemoteAddress.of(s)));
        assertEquals("{x = -7, a = 5, b = -3}", v.display());
        assertEquals("s_t", v.typeName());
        Value p = f.format("p", PTR_STRUCT, Placed.ofBytes(le(s)));
        assertEquals("s_t *", p.typeName());
        List<Value> target = f.children(p.expansion().orElseThrow(), 0, -1);
        assertEquals("*p", target.get(0).name());
        List<Value> members = f.children(target.get(0).expansion().orElseThrow(), 0, -1);
        assertEquals(List.of("x", "a", "b"), members.stream().map(Value::name).toList());
        assertEquals("-3", members.get(2).display());
    }

    @Test
    void arraysArePagedAndCharArraysAreStrings() throws Exception {
        long a = 0x1400;
        for (int i = 0; i < 300; i++) {
            src.at(a + 4L * i).putInt(i * i);
        }
        Value v = f.format("a", ARRAY, Placed.inMemory(RemoteAddress.of(a)));
        assertEquals("int [300]", v.typeName());
        Expansion.Elements e = (Expansion.Elements) v.expansion().orElseThrow();
        assertEquals(300, e.indexedCount());
        List<Value> page = f.children(e, 100, 3);
        assertEquals(List.of("[100]", "[101]", "[102]"), page.stream().map(Value::name).toList());
        assertEquals(List.of("10000", "10201", "10404"), page.stream().map(Value::display).toList());
        assertEquals(0, f.children(e, 400, 10).size());
        Value chars = f.format("c", CHARS, Placed.ofBytes("rewind\0\0".getBytes(StandardCharsets.UTF_8)));
        assertEquals("\"rewind\"", chars.display());
    }

    @Test
    void variablesWhereverTheyAre() throws Exception {
        Variable reg = new Variable("r", VariableKind.LOCAL, INT, 0, Location.REGISTER, RemoteAddress.NULL,
                new byte[] {42, 0, 0, 0, 0, 0, 0, 0});
        assertEquals("42", f.ofVariable(reg).display());
        Variable gone = new Variable("g", VariableKind.LOCAL, INT, 0, Location.OPTIMIZED_OUT, RemoteAddress.NULL, new byte[0]);
        assertEquals("<optimized out>", f.ofVariable(gone).display());
        Variable far = new Variable("m", VariableKind.GLOBAL, INT, 0, Location.MEMORY, RemoteAddress.of(0x90000), new byte[0]);
        assertEquals("<unreadable memory at 0x90000>", f.ofVariable(far).display());
    }

    private static byte[] le(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
}
