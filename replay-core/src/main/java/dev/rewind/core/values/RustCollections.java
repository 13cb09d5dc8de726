/*
 * RustCollections: the readers of RustFormatters' table for the standard library's containers and
 * pointers: String and &str as text, Vec<T> and &[T] as their elements (paged), Rc<T> and Arc<T>
 * as their value with the strong and weak counts, HashMap<K, V> as key → value and HashSet<T> as
 * elements (hashbrown's table: control bytes, full buckets stored below them).
 *
 * Layouts differ between rustc versions; each reader tries the member paths of rustc 1.63 (Debian
 * 12) and of today's rustc (Vec's buffer behind RawVecInner with a type-erased pointer, so the
 * element type is Vec's template argument) and gives up (raw view) when neither is there.
 * Lengths and capacities are checked against each other and against readable memory: a
 * container that makes no sense is shown as invalid, never guessed at.
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class RustCollections {
    /** Largest element bytes a Vec or slice may claim before it is called invalid. */
    private static final long MAX_BYTES = 1L << 46;
    /** Most buckets a hash table may have before it is called invalid (2^28: a quarter billion). */
    private static final long MAX_BUCKETS = 1L << 28;
    private static final int CTRL_CHUNK = 4096;

    private RustCollections() {
    }

    /** A pointer-and-length: a Vec's, a String's, a slice's. */
    private record Parts(CxxLayout.Field pointer, CxxLayout.Field length, Optional<CxxLayout.Field> capacity) {
    }

    /** The field at {@code path} below a wrapper chain (Unique, NonNull: "pointer") that ends in a pointer. */
    private static Optional<CxxLayout.Field> pointerField(StdFormatters std, int typeId, String... path)
            throws AgentException {
        Optional<CxxLayout.Field> f = std.layout.find(typeId, path);
        for (int i = 0; i < 4 && f.isPresent(); i++) {
            TypeInfo t = std.layout.strip(f.get().typeId());
            if (t.kind() == TypeKind.POINTER) {
                return f;
            }
            Optional<CxxLayout.Field> inner = std.layout.find(t.id(), "pointer");
            long outer = f.get().offset();
            f = inner.map(x -> new CxxLayout.Field(outer + x.offset(), x.typeId()));
        }
        return Optional.empty();
    }

    /** An unsigned integer field below a newtype chain (Cap(usize): "__0"). */
    private static Optional<CxxLayout.Field> integerField(StdFormatters std, int typeId, String... path)
            throws AgentException {
        Optional<CxxLayout.Field> f = std.layout.find(typeId, path);
        for (int i = 0; i < 4 && f.isPresent(); i++) {
            TypeInfo t = std.layout.strip(f.get().typeId());
            if (t.kind() == TypeKind.UNSIGNED_INT && t.size() == 8) {
                return f;
            }
            Optional<CxxLayout.Field> inner = std.layout.find(t.id(), "__0");
            long outer = f.get().offset();
            f = inner.map(x -> new CxxLayout.Field(outer + x.offset(), x.typeId()));
        }
        return Optional.empty();
    }

    /** A Vec's pointer, length and capacity, in today's layout or rustc 1.63's. */
    private static Optional<Parts> vecParts(StdFormatters std, int vecType) throws AgentException {
        Optional<CxxLayout.Field> len = integerField(std, vecType, "len");
        Optional<CxxLayout.Field> ptr = pointerField(std, vecType, "buf", "inner", "ptr");
        Optional<CxxLayout.Field> cap = integerField(std, vecType, "buf", "inner", "cap");
        if (ptr.isEmpty()) {
            ptr = pointerField(std, vecType, "buf", "ptr");
            cap = integerField(std, vecType, "buf", "cap");
        }
        if (len.isEmpty() || ptr.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Parts(ptr.get(), len.get(), cap));
    }

    /** The slice parts (data_ptr, length) of &str and &[T]. */
    private static Optional<Parts> sliceParts(StdFormatters std, int type) throws AgentException {
        Optional<CxxLayout.Field> ptr = pointerField(std, type, "data_ptr");
        Optional<CxxLayout.Field> len = integerField(std, type, "length");
        return ptr.isEmpty() || len.isEmpty() ? Optional.empty() : Optional.of(new Parts(ptr.get(), len.get(),
                Optional.empty()));
    }

    /** Pointer and length read at {@code at} shifted by {@code base}; a message when they make no sense. */
    private record Read(long pointer, long length, String error) {
    }

    private static Read read(StdFormatters std, Placed at, long base, Parts p, long elementSize) throws AgentException {
        Optional<Long> ptr = std.layout.word(at, base + p.pointer().offset());
        Optional<Long> len = std.layout.word(at, base + p.length().offset());
        if (ptr.isEmpty() || len.isEmpty()) {
            return new Read(0, 0, "unreadable");
        }
        long n = len.get();
        if (n < 0 || elementSize > 0 && n > MAX_BYTES / elementSize) {
            return new Read(0, 0, "length " + Long.toUnsignedString(n));
        }
        if (p.capacity().isPresent() && elementSize > 0) {
            Optional<Long> cap = std.layout.word(at, base + p.capacity().get().offset());
            if (cap.isEmpty() || Long.compareUnsigned(cap.get(), n) < 0) {
                return new Read(0, 0, "length " + n + " > capacity "
                        + cap.map(Long::toUnsignedString).orElse("unreadable"));
            }
        }
        if (n > 0 && ptr.get() == 0) {
            return new Read(0, 0, "length " + n + ", no buffer");
        }
        return new Read(ptr.get(), n, null);
    }

    /** UTF-8 text of {@code length} bytes at {@code pointer}, as a Rust string literal. */
    private static Optional<Value> text(StdFormatters std, StdFormatters.Subject s, Read r) throws AgentException {
        if (r.error() != null) {
            return Optional.of(std.invalid(s, r.error()));
        }
        int shown = (int) Math.min(r.length(), ValueFormatter.MAX_STRING);
        byte[] bytes = shown == 0 ? new byte[0] : std.source.readMemory(RemoteAddress.of(r.pointer()), shown);
        if (bytes.length < shown) {
            return Optional.of(std.invalid(s, "length " + r.length() + ", text at " + RemoteAddress.of(r.pointer())
                    + " unreadable"));
        }
        return Optional.of(std.value(s, RustText.string(bytes, shown, r.length() > shown), 0, StdFormatters.NONE));
    }

    static Optional<Value> string(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> vec = std.layout.find(s.typeId(), "vec");
        if (vec.isEmpty()) {
            return Optional.empty();
        }
        Optional<Parts> parts = vecParts(std, vec.get().typeId());
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return text(std, s, read(std, s.at(), vec.get().offset(), parts.get(), 1));
    }

    static Optional<Value> str(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<Parts> parts = sliceParts(std, s.typeId());
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return text(std, s, read(std, s.at(), 0, parts.get(), 1));
    }

    static Optional<Value> vec(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<Parts> parts = vecParts(std, s.typeId());
        Optional<Integer> element = std.layout.argument(s.typeId(), 0);
        if (parts.isEmpty() || element.isEmpty()) {
            return Optional.empty();
        }
        return elements(std, s, parts.get(), element.get());
    }

    static Optional<Value> slice(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<Parts> parts = sliceParts(std, s.typeId());
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> element = std.layout.pointee(parts.get().pointer().typeId());
        return element.isEmpty() ? Optional.empty() : elements(std, s, parts.get(), element.get());
    }

    private static Optional<Value> elements(StdFormatters std, StdFormatters.Subject s, Parts parts, int element)
            throws AgentException {
        long size = std.layout.sizeOf(element);
        if (size <= 0) {
            return Optional.empty(); // zero-sized elements: nothing to read, shown raw
        }
        Read r = read(std, s.at(), 0, parts, size);
        if (r.error() != null) {
            return Optional.of(std.invalid(s, r.error()));
        }
        return Optional.of(StdSequences.elements(std, s, element, size, r.length(),
                Placed.inMemory(RemoteAddress.of(r.pointer()))));
    }

    static Optional<Value> rc(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        return counted(std, s, "value", "value");
    }

    static Optional<Value> arc(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        return counted(std, s, "data", "v");
    }

    /**
     * Rc and Arc: the value behind the pointer with its counts, "\"shared\" (strong=2, weak=0)"; the
     * weak count shown is the program's (the stored one less the one all strong references share).
     */
    private static Optional<Value> counted(StdFormatters std, StdFormatters.Subject s, String valueName,
                                           String cellName) throws AgentException {
        Optional<CxxLayout.Field> ptr = pointerField(std, s.typeId(), "ptr");
        Optional<Integer> inner = ptr.isEmpty() ? Optional.empty() : std.layout.pointee(ptr.get().typeId());
        if (inner.isEmpty()) {
            return Optional.empty();
        }
        Optional<CxxLayout.Field> strong = integerField(std, inner.get(), "strong", cellName, "value");
        Optional<CxxLayout.Field> weak = integerField(std, inner.get(), "weak", cellName, "value");
        Optional<CxxLayout.Field> value = std.layout.find(inner.get(), valueName);
        if (strong.isEmpty() || weak.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> p = std.layout.word(s.at(), ptr.get().offset());
        if (p.isEmpty() || p.get() == 0) {
            return Optional.of(std.invalid(s, p.isEmpty() ? "unreadable" : "null pointer"));
        }
        Placed box = Placed.inMemory(RemoteAddress.of(p.get()));
        Optional<Long> strongs = std.layout.unsigned(box, strong.get().offset(), 8);
        Optional<Long> weaks = std.layout.unsigned(box, weak.get().offset(), 8);
        if (strongs.isEmpty() || weaks.isEmpty()) {
            return Optional.of(std.invalid(s, "counts at " + RemoteAddress.of(p.get()) + " unreadable"));
        }
        String counts = "(strong=" + strongs.get() + ", weak=" + (weaks.get() - 1) + ")";
        long strongCount = strongs.get();
        long weakCount = weaks.get() - 1;
        if (strongCount == 0) { // dropped: only weak references are left, the value is gone
            return Optional.of(std.value(s, "dropped " + counts, 0, StdFormatters.named(() -> List.of(
                    Value.plain("[weak]", Long.toString(weakCount), "usize")))));
        }
        RemoteAddress at = RemoteAddress.of(p.get() + value.get().offset());
        Value pointee = std.formatter.format("*" + s.name(), value.get().typeId(), Placed.inMemory(at));
        TypeKind kind = std.layout.strip(value.get().typeId()).kind();
        boolean aggregate = (kind == TypeKind.STRUCT || kind == TypeKind.UNION || kind == TypeKind.ARRAY)
                && pointee.display().startsWith("{");
        String display = (aggregate ? at + " " : "") + pointee.display() + " " + counts;
        return Optional.of(std.value(s, display, 0, StdFormatters.named(() -> List.of(pointee,
                Value.plain("[strong]", Long.toString(strongCount), "usize"),
                Value.plain("[weak]", Long.toString(weakCount), "usize")))));
    }

    static Optional<Value> hashMap(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        return hashTable(std, s, true, "base", "table");
    }

    static Optional<Value> hashSet(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<Value> v = hashTable(std, s, false, "base", "map", "table");
        return v.isPresent() ? v : hashTable(std, s, false, "map", "base", "table"); // rustc before 1.48
    }

    /**
     * A hashbrown RawTable at {@code path}: buckets = bucket_mask + 1, control byte i (at ctrl + i)
     * with its top bit clear marks bucket i full, and bucket i's element is stored at
     * ctrl - (i + 1) * size. Elements are (K, V) tuples for maps, (T, ()) for sets.
     */
    private static Optional<Value> hashTable(StdFormatters std, StdFormatters.Subject s, boolean keyed, String... path)
            throws AgentException {
        Optional<CxxLayout.Field> table = std.layout.find(s.typeId(), path);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> pair = std.layout.argument(table.get().typeId(), 0);
        Optional<CxxLayout.Field> mask = integerField(std, table.get().typeId(), "table", "bucket_mask");
        Optional<CxxLayout.Field> items = integerField(std, table.get().typeId(), "table", "items");
        Optional<CxxLayout.Field> ctrl = pointerField(std, table.get().typeId(), "table", "ctrl");
        if (pair.isEmpty() || mask.isEmpty() || items.isEmpty() || ctrl.isEmpty()) {
            return Optional.empty();
        }
        TypeInfo pairType = std.layout.strip(pair.get());
        if (!RustFormatters.isTuple(pairType) || pairType.members().size() != 2) {
            return Optional.empty();
        }
        long base = table.get().offset();
        Optional<Long> m = std.layout.word(s.at(), base + mask.get().offset());
        Optional<Long> n = std.layout.word(s.at(), base + items.get().offset());
        Optional<Long> c = std.layout.word(s.at(), base + ctrl.get().offset());
        if (m.isEmpty() || n.isEmpty() || c.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        long buckets = m.get() + 1;
        long count = n.get();
        if (buckets <= 0 || buckets > MAX_BUCKETS || (buckets & (buckets - 1)) != 0 || count < 0 || count > buckets) {
            return Optional.of(std.invalid(s, "size " + Long.toUnsignedString(count) + ", bucket mask "
                    + Long.toUnsignedString(m.get())));
        }
        Buckets full = new Buckets(std, c.get(), buckets, count, pairType.size());
        Expansion.Children children = StdFormatters.paged(i -> {
            Optional<Long> at = full.element(i);
            return at.isEmpty() ? Optional.empty()
                    : Optional.of(entry(std, pairType, i, Placed.inMemory(RemoteAddress.of(at.get())), keyed));
        }, full::error);
        String display = "size=" + count;
        if (count > 0) {
            List<Value> first = children.indexed(0, Math.min(count, StdFormatters.PREVIEW));
            Value last = first.get(first.size() - 1);
            if (last.typeName().isEmpty()) {
                return Optional.of(std.invalid(s, "size " + count + ": " + full.error()));
            }
            List<Value> preview = new ArrayList<>();
            for (Value v : first) {
                preview.add(keyed ? Value.plain(v.name(), v.name() + " = " + v.display(), v.typeName()) : v);
            }
            display += " " + StdFormatters.preview(preview, count);
        }
        return Optional.of(std.value(s, display, count, children));
    }

    /** A map's entry named by its key, ["bob"] = 42; a set's element [i]. */
    private static Value entry(StdFormatters std, TypeInfo pair, long index, Placed at, boolean keyed)
            throws AgentException {
        TypeInfo.Member k = pair.members().get(0);
        Placed keyAt = at.slice(k.offset(), std.layout.sizeOf(k.typeId()));
        if (!keyed) {
            return std.formatter.format("[" + index + "]", k.typeId(), keyAt);
        }
        TypeInfo.Member v = pair.members().get(1);
        Value key = std.formatter.format("key", k.typeId(), keyAt);
        return std.formatter.format("[" + key.display() + "]", v.typeId(), at.slice(v.offset(),
                std.layout.sizeOf(v.typeId())));
    }

    /** The full buckets of a hashbrown table, found from its control bytes once, when first asked. */
    private static final class Buckets {
        private final StdFormatters std;
        private final long ctrl;
        private final long buckets;
        private final long count;
        private final long size;
        private long[] full;
        private String error;

        Buckets(StdFormatters std, long ctrl, long buckets, long count, long size) {
            this.std = std;
            this.ctrl = ctrl;
            this.buckets = buckets;
            this.count = count;
            this.size = size;
        }

        String error() {
            return error;
        }

        /** Where element {@code index} (in bucket order) is; empty with error() set when the table is damaged. */
        Optional<Long> element(long index) throws AgentException {
            if (full == null) {
                scan();
            }
            if (index >= full.length) {
                if (error == null) {
                    error = "only " + full.length + " full buckets for size " + count;
                }
                return Optional.empty();
            }
            return Optional.of(ctrl - (full[(int) index] + 1) * size);
        }

        private void scan() throws AgentException {
            List<Long> found = new ArrayList<>();
            for (long start = 0; start < buckets && found.size() < count; start += CTRL_CHUNK) {
                int n = (int) Math.min(CTRL_CHUNK, buckets - start);
                byte[] bytes = std.source.readMemory(RemoteAddress.of(ctrl + start), n);
                if (bytes.length < n) {
                    error = "control bytes at " + RemoteAddress.of(ctrl + start) + " unreadable";
                    break;
                }
                for (int i = 0; i < n && found.size() < count; i++) {
                    if ((bytes[i] & 0x80) == 0) {
                        found.add(start + i);
                    }
                }
            }
            full = found.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /**
     * The length of a String, &str (bytes), Vec or slice (elements) from its fields, as len() gives
     * it; empty for other types or a layout not the expected one.
     */
    static java.util.OptionalLong length(StdFormatters std, String family, int typeId, Placed at)
            throws AgentException {
        Optional<Parts> parts;
        long base = 0;
        switch (family) {
            case "String" -> {
                Optional<CxxLayout.Field> vec = std.layout.find(typeId, "vec");
                parts = vec.isEmpty() ? Optional.empty() : vecParts(std, vec.get().typeId());
                base = vec.map(CxxLayout.Field::offset).orElse(0L);
            }
            case "&str", "slice" -> parts = sliceParts(std, typeId);
            case "Vec" -> parts = vecParts(std, typeId);
            default -> parts = Optional.empty();
        }
        if (parts.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        Optional<Long> n = std.layout.word(at, base + parts.get().length().offset());
        return n.isEmpty() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(n.get());
    }

    /** The element type of a Vec (its first type argument) or a slice (what data_ptr points to). */
    static Optional<Integer> elementType(StdFormatters std, String family, int typeId) throws AgentException {
        if (family.equals("Vec")) {
            return std.layout.argument(typeId, 0);
        }
        Optional<Parts> parts = family.equals("slice") ? sliceParts(std, typeId) : Optional.empty();
        return parts.isEmpty() ? Optional.empty() : std.layout.pointee(parts.get().pointer().typeId());
    }
}
