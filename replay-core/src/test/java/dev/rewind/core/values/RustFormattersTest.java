/*
 * RustFormattersTest: Rust values from types and bytes against a map-backed ValueSource, for what a
 * real program rarely shows: an enum whose discriminant selects no variant, a variant part the agent
 * does not read, a Vec longer than its capacity, a String that is not UTF-8, a hash table whose size
 * exceeds its buckets. Each is shown as invalid or raw, never as a guessed value.
 */
package dev.rewind.core.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.CxxFacts;
import dev.rewind.core.session.RustVariants;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RustFormattersTest {
    private static final int U8 = 1, U32 = 2, USIZE = 3, PTR_U8 = 4, PTR_U32 = 5, RAW_VEC = 6, VEC_U32 = 7,
            VEC_U8 = 8, STRING = 9, OPTION = 10, SOME = 11, NONE = 12, WEIRD = 13, PAIR = 14, INNER = 15,
            RAW_TABLE = 16, HASHBROWN = 17, HASH_MAP = 18;
    private static final long BASE = 0x1000;

    private static final class FakeSource implements ValueSource {
        final Map<Integer, TypeInfo> types = new HashMap<>();
        final Map<Integer, RustVariants> variants = new HashMap<>();
        final Map<Integer, List<Integer>> args = new HashMap<>();
        final byte[] memory = new byte[4096];

        void struct(int id, String name, long size, TypeInfo.Member... members) {
            types.put(id, new TypeInfo(id, TypeKind.STRUCT, name, size, 0, 0, List.of(members), List.of()));
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
        public CxxFacts cxx(int id) {
            return new CxxFacts(id, 0, List.of(), args.getOrDefault(id, List.of()));
        }

        @Override
        public RustVariants rust(int id) {
            return variants.getOrDefault(id, RustVariants.none(id));
        }

        ByteBuffer at(long address) {
            return ByteBuffer.wrap(memory).order(ByteOrder.LITTLE_ENDIAN).position((int) (address - BASE));
        }
    }

    private static TypeInfo.Member m(String name, int type, long offset) {
        return new TypeInfo.Member(name, type, offset, 0, 0);
    }

    private final FakeSource src = new FakeSource();
    private final ValueFormatter f = new ValueFormatter(src);

    RustFormattersTest() {
        src.types.put(U8, new TypeInfo(U8, TypeKind.UNSIGNED_INT, "u8", 1, 0, 0, List.of(), List.of()));
        src.types.put(U32, new TypeInfo(U32, TypeKind.UNSIGNED_INT, "u32", 4, 0, 0, List.of(), List.of()));
        src.types.put(USIZE, new TypeInfo(USIZE, TypeKind.UNSIGNED_INT, "usize", 8, 0, 0, List.of(), List.of()));
        src.types.put(PTR_U8, new TypeInfo(PTR_U8, TypeKind.POINTER, "*const u8", 8, U8, 0, List.of(), List.of()));
        src.types.put(PTR_U32, new TypeInfo(PTR_U32, TypeKind.POINTER, "&u32", 8, U32, 0, List.of(), List.of()));
        // rustc 1.63's layout: Vec { buf: RawVec { ptr, cap }, len }
        src.struct(RAW_VEC, "RawVec<u32, alloc::alloc::Global>", 16, m("ptr", PTR_U8, 0), m("cap", USIZE, 8));
        src.struct(VEC_U32, "Vec<u32, alloc::alloc::Global>", 24, m("buf", RAW_VEC, 0), m("len", USIZE, 16));
        src.args.put(VEC_U32, List.of(U32));
        src.struct(VEC_U8, "Vec<u8, alloc::alloc::Global>", 24, m("buf", RAW_VEC, 0), m("len", USIZE, 16));
        src.args.put(VEC_U8, List.of(U8));
        src.struct(STRING, "String", 24, m("vec", VEC_U8, 0));
        // Option<&u32>: niche in the pointer, None is 0, Some the default
        src.struct(OPTION, "Option<&u32>", 8);
        src.struct(SOME, "Some", 8, m("__0", PTR_U32, 0));
        src.struct(NONE, "None", 8);
        src.variants.put(OPTION, new RustVariants(OPTION, RustVariants.READ, USIZE, 0, List.of(
                new RustVariants.Variant("None", NONE, 0, true, 0), new RustVariants.Variant("Some", SOME, 0, false, 0))));
        src.struct(WEIRD, "Weird", 8);
        src.variants.put(WEIRD, new RustVariants(WEIRD, RustVariants.READ, U8, 0, List.of(
                new RustVariants.Variant("A", NONE, 0, true, 0), new RustVariants.Variant("B", NONE, 0, true, 1))));
        // hashbrown: HashMap { base: HashMap { table: RawTable<(u32, u32)> { table: RawTableInner } } }
        src.struct(PAIR, "(u32, u32)", 8, m("__0", U32, 0), m("__1", U32, 4));
        src.struct(INNER, "RawTableInner", 32, m("bucket_mask", USIZE, 0), m("ctrl", PTR_U8, 8),
                m("growth_left", USIZE, 16), m("items", USIZE, 24));
        src.struct(RAW_TABLE, "RawTable<(u32, u32), alloc::alloc::Global>", 32, m("table", INNER, 0));
        src.args.put(RAW_TABLE, List.of(PAIR));
        src.struct(HASHBROWN, "HashMap<u32, u32>", 32, m("table", RAW_TABLE, 0));
        src.struct(HASH_MAP, "HashMap<u32, u32, std::hash::random::RandomState>", 32, m("base", HASHBROWN, 0));
    }

    private Value at(int type, long address) throws Exception {
        return f.format("v", type, Placed.inMemory(RemoteAddress.of(address)));
    }

    @Test
    void nicheOptionChoosesItsDefaultVariantForAnyOtherValue() throws Exception {
        src.at(0x1000).putLong(0x1100);
        src.at(0x1100).putInt(42);
        assertEquals("Some(0x1100)", at(OPTION, 0x1000).display());
        src.at(0x1000).putLong(0);
        assertEquals("None", at(OPTION, 0x1000).display());
    }

    @Test
    void aDiscriminantThatSelectsNoVariantIsInvalidWithItsRawView() throws Exception {
        src.at(0x1000).put((byte) 7);
        Value v = at(WEIRD, 0x1000);
        assertEquals("<invalid enum: discriminant 7 selects no variant>", v.display());
        List<Value> children = f.children(v.expansion().orElseThrow(), 0, -1);
        assertEquals("[raw]", children.get(children.size() - 1).name());
    }

    @Test
    void aVariantPartTheAgentDoesNotReadIsShownRaw() throws Exception {
        src.variants.put(WEIRD, new RustVariants(WEIRD, RustVariants.NOT_UNDERSTOOD, 0, 0, List.of()));
        assertEquals("{...}", at(WEIRD, 0x1000).display());
    }

    @Test
    void vecsAreCheckedAgainstTheirCapacity() throws Exception {
        src.at(0x1000).putLong(0x1100).putLong(4).putLong(3);
        src.at(0x1100).putInt(1).putInt(2).putInt(3);
        assertEquals("size=3 {1, 2, 3}", at(VEC_U32, 0x1000).display());
        src.at(0x1000).putLong(0x1100).putLong(2).putLong(3);
        assertEquals("<invalid Vec: length 3 > capacity 2>", at(VEC_U32, 0x1000).display());
    }

    @Test
    void stringsAreUtf8AndOtherBytesEscaped() throws Exception {
        byte[] text = "h\u00e9\n\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        src.at(0x1000).putLong(0x1100).putLong(16).putLong(text.length);
        src.at(0x1100).put(text);
        assertEquals("\"h\u00e9\\n\\\"\"", at(STRING, 0x1000).display());
        src.at(0x1100).put(new byte[] {'a', (byte) 0xff, 'b', 'c', 'd'});
        assertEquals("\"a\\xffbcd\"", at(STRING, 0x1000).display());
        // a long text is shown in part, never cut inside a character: 201 bytes end in half an é
        byte[] long_ = ("x" + "\u00e9".repeat(200)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        src.at(0x1000).putLong(0x1100).putLong(1000).putLong(long_.length);
        src.at(0x1100).put(long_);
        assertEquals("\"x" + "\u00e9".repeat(99) + "\"...", at(STRING, 0x1000).display());
    }

    @Test
    void hashTablesWithMoreItemsThanFullBucketsAreInvalid() throws Exception {
        // 4 buckets, control bytes at 0x1200: buckets 1 and 3 full; elements below the control bytes
        src.at(0x1000).putLong(3).putLong(0x1200).putLong(0).putLong(2);
        src.at(0x1200).put(new byte[] {(byte) 0xff, 0x11, (byte) 0xff, 0x22});
        src.at(0x1200 - 2 * 8).putInt(10).putInt(100);
        src.at(0x1200 - 4 * 8).putInt(30).putInt(300);
        assertEquals("size=2 {[10] = 100, [30] = 300}", at(HASH_MAP, 0x1000).display());
        src.at(0x1000).putLong(3).putLong(0x1200).putLong(0).putLong(3);
        String damaged = at(HASH_MAP, 0x1000).display();
        assertTrue(damaged.startsWith("<invalid HashMap: size 3: only 2 full buckets"), damaged);
        src.at(0x1000).putLong(3).putLong(0x1200).putLong(0).putLong(9);
        assertEquals("<invalid HashMap: size 9, bucket mask 3>", at(HASH_MAP, 0x1000).display());
    }
}
