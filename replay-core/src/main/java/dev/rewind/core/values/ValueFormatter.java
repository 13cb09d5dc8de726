/*
 * ValueFormatter: turns a C type and the bytes of a value into what a debugger shows: integers of
 * every size and signedness, characters (97 'a'), bools, floats, enums by enumerator name, pointers
 * in hex (char * with a string preview read up to its NUL), arrays and structs/unions with a short
 * summary and their children (bitfields extracted); typedef, const and volatile are seen through.
 * Large arrays are never read whole: their elements are loaded a page at a time.
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.CxxFacts;
import dev.rewind.core.session.DynamicType;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import dev.rewind.core.session.Variable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

public final class ValueFormatter {
    /** Longest string preview of a char * or char array. */
    public static final int MAX_STRING = 200;
    /** Values up to this size are read whole when formatted; larger ones on demand. */
    static final int EAGER_LIMIT = 4096;
    private static final int PREVIEW_ELEMENTS = 8;
    private static final int PREVIEW_MEMBERS = 6;
    private static final int MAX_TYPE_CHAIN = 32;

    private final ValueSource source;
    private final StdFormatters std;
    private final RustFormatters rust;

    public ValueFormatter(ValueSource source) {
        this.source = Objects.requireNonNull(source, "source");
        this.std = new StdFormatters(this, source);
        this.rust = new RustFormatters(std);
    }

    /** A variable of a VARIABLE_LIST, wherever its value is. */
    public Value ofVariable(Variable v) throws AgentException {
        return switch (v.location()) {
            case MEMORY -> format(v.name(), v.typeId(), Placed.inMemory(v.address()));
            case REGISTER, VALUE -> format(v.name(), v.typeId(), Placed.ofBytes(v.bytes()));
            case OPTIMIZED_OUT -> Value.plain(v.name(), "<optimized out>", typeName(v.typeId()));
            case UNAVAILABLE -> Value.plain(v.name(), "<unavailable>", typeName(v.typeId()));
        };
    }

    /**
     * The libstdc++ family ("std::vector", "std::map", ...) whose formatter shows values of type
     * {@code typeId}; empty when none applies. What the evaluator asks before indexing a container.
     */
    public Optional<String> libraryFamily(int typeId) throws AgentException {
        return std.familyOf(typeId);
    }

    /** The Rust std family ("String", "&str", "Vec", "slice", "HashMap", ...) of type {@code typeId}. */
    public Optional<String> rustFamily(int typeId) throws AgentException {
        return rust.familyOf(typeId);
    }

    /** len() of a Rust String, &str, Vec or slice of that family, read from its fields. */
    public java.util.OptionalLong rustLength(String family, int typeId, Placed at) throws AgentException {
        return RustCollections.length(std, family, typeId, at);
    }

    /** The element type of a Rust Vec or slice of that family. */
    public Optional<Integer> rustElementType(String family, int typeId) throws AgentException {
        return RustCollections.elementType(std, family, typeId);
    }

    public String typeName(int typeId) throws AgentException {
        return TypeNames.name(source, typeId);
    }

    /** The value of type {@code typeId} placed at {@code at}. */
    public Value format(String name, int typeId, Placed at) throws AgentException {
        String typeName = typeName(typeId);
        TypeInfo t = strip(typeId);
        long size = sizeOf(t);
        if (size <= EAGER_LIMIT && t.kind() != TypeKind.FUNCTION) {
            at = at.loaded(source, (int) size);
        }
        Optional<RemoteAddress> address = at.address();
        switch (t.kind()) {
            case VOID:
                return Value.plain(name, "void", typeName);
            case FUNCTION: {
                String shown = "{" + typeName + "}";
                if (address.isPresent()) {
                    shown += " " + address.get() + source.functionAt(address.get()).map(f -> " <" + f + ">").orElse("");
                }
                return new Value(name, shown, typeName, address, Optional.empty(), Optional.empty());
            }
            case POINTER:
                return source.cxx(t.id()).isReference() ? reference(name, t, typeName, at)
                        : pointer(name, t, typeName, at);
            case ARRAY:
                return array(name, t, typeName, at);
            case STRUCT:
                Optional<Value> library = std.format(name, t.id(), typeName, at);
                if (library.isPresent()) {
                    return library.get();
                }
                Optional<Value> rustValue = rust.format(name, t.id(), typeName, at);
                return rustValue.isPresent() ? rustValue.get() : formatRaw(name, typeId, at);
            case UNION:
                return formatRaw(name, typeId, at);
            default:
                byte[] bytes = at.load(source, (int) size);
                if (bytes.length < size || size == 0) {
                    return new Value(name, unreadable(at), typeName, address, Optional.empty(), Optional.empty());
                }
                return new Value(name, scalar(t, bytes), typeName, address, Optional.empty(), Optional.empty());
        }
    }

    /** A struct or union as its members show it, without any library formatter ("[raw]"). */
    Value formatRaw(String name, int typeId, Placed at) throws AgentException {
        TypeInfo t = strip(typeId);
        String typeName = typeName(typeId);
        if (t.kind() != TypeKind.STRUCT && t.kind() != TypeKind.UNION) {
            return format(name, typeId, at);
        }
        if (sizeOf(t) <= EAGER_LIMIT) {
            at = at.loaded(source, (int) sizeOf(t));
        }
        return new Value(name, aggregateSummary(t, at), typeName, at.address(), Optional.empty(),
                Optional.of(new Expansion.Members(t.id(), at)));
    }

    /** Which children a request asks for (DAP's variables filter). */
    public enum Filter { ALL, NAMED, INDEXED }

    /** Children {@code [start, start + count)} of an expansion (count < 0: all of them). */
    public List<Value> children(Expansion e, long start, long count) throws AgentException {
        return children(e, Filter.ALL, start, count);
    }

    /**
     * Children of an expansion: its named ones unless only indexed ones are asked for, then its
     * indexed ones [start, start + count) (count < 0: all of them) unless only named ones are.
     */
    public List<Value> children(Expansion e, Filter filter, long start, long count) throws AgentException {
        if (e instanceof Expansion.Synthetic syn) {
            List<Value> out = new ArrayList<>();
            if (filter != Filter.INDEXED) {
                out.addAll(syn.children().named());
            }
            if (filter != Filter.NAMED) {
                long from = Math.max(0, Math.min(start, syn.count()));
                long to = count < 0 ? syn.count() : Math.min(syn.count(), from + count);
                if (from < to) {
                    out.addAll(syn.children().indexed(from, to));
                }
            }
            return out;
        }
        if (e instanceof Expansion.Elements && filter == Filter.NAMED
                || !(e instanceof Expansion.Elements) && filter == Filter.INDEXED) {
            return List.of();
        }
        if (e instanceof Expansion.Pointee p) {
            return List.of(pointee(p.name(), p.typeId(), p.target()));
        }
        if (e instanceof Expansion.Members m) {
            return members(source.type(m.typeId()), m.at());
        }
        Expansion.Elements el = (Expansion.Elements) e;
        long from = Math.max(0, Math.min(start, el.count()));
        long to = count < 0 ? el.count() : Math.min(el.count(), from + count);
        long bytes = (to - from) * el.elementSize();
        Placed page = el.at().slice(from * el.elementSize(), bytes);
        if (bytes <= SessionLimits.MAX_PAGE_BYTES) {
            page = page.loaded(source, (int) bytes);
        }
        List<Value> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            Placed at = page.slice((i - from) * el.elementSize(), el.elementSize());
            out.add(format("[" + i + "]", el.elementTypeId(), at));
        }
        return out;
    }

    private List<Value> members(TypeInfo t, Placed at) throws AgentException {
        List<Value> out = new ArrayList<>();
        boolean unnamed = t.members().stream().anyMatch(m -> m.name().isEmpty());
        CxxFacts facts = unnamed ? source.cxx(t.id()) : CxxFacts.none(t.id());
        for (int i = 0; i < t.members().size(); i++) {
            TypeInfo.Member m = t.members().get(i);
            String name = m.name().isEmpty() ? "<anonymous>" : m.name();
            if (facts.isBase(i)) { // a base-class subobject, shown as gdb and LLDB do: [Shape]
                name = "[" + CxxLayout.unqualified(typeName(m.typeId())) + "]";
                out.add(formatRaw(name, m.typeId(), at.slice(m.offset(), sizeOf(strip(m.typeId())))));
                continue;
            }
            if (!m.isBitfield()) {
                out.add(format(name, m.typeId(), at.slice(m.offset(), sizeOf(strip(m.typeId())))));
                continue;
            }
            int length = (m.bitOffset() + m.bitSize() + 7) / 8;
            byte[] bytes = at.slice(m.offset(), length).load(source, length);
            TypeInfo mt = strip(m.typeId());
            String display = bytes.length < length ? unreadable(at)
                    : scalarOf(mt, Scalars.bitfield(bytes, m.bitOffset(), m.bitSize(), isSigned(mt)));
            out.add(new Value(name, display, typeName(m.typeId()), Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return out;
    }

    /**
     * What a pointer or reference leads to: the value of type {@code typeId} at {@code target}, or,
     * for a polymorphic class, of the most-derived class the object's vtable names (a Shape * to a
     * Circle shows the Circle).
     */
    public Value pointee(String name, int typeId, RemoteAddress target) throws AgentException {
        TypeInfo t = strip(typeId);
        if (t.kind() == TypeKind.STRUCT && isPolymorphic(t, 0)) {
            Optional<DynamicType> dynamic = source.dynamicType(t.id(), target);
            if (dynamic.isPresent() && dynamic.get().typeId() != t.id()) {
                return format(name, dynamic.get().typeId(), Placed.inMemory(dynamic.get().start()));
            }
        }
        return format(name, typeId, Placed.inMemory(target));
    }

    /** Whether a class has a vtable pointer (its own, or a base class's). */
    private boolean isPolymorphic(TypeInfo t, int depth) throws AgentException {
        if (depth > 16 || t.kind() != TypeKind.STRUCT) {
            return false;
        }
        for (TypeInfo.Member m : t.members()) {
            if (m.name().startsWith("_vptr.") || m.name().startsWith("_vptr$")) {
                return true;
            }
            if (m.name().isEmpty() && isPolymorphic(strip(m.typeId()), depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** A C++ reference, shown as what it refers to (its type "T &"); it expands as the referent does. */
    private Value reference(String name, TypeInfo t, String typeName, Placed at) throws AgentException {
        byte[] bytes = at.load(source, 8);
        if (bytes.length < 8) {
            return new Value(name, unreadable(at), typeName, at.address(), Optional.empty(), Optional.empty());
        }
        long p = Scalars.integer(bytes, false).longValue();
        if (p == 0 || t.target() == 0) {
            return Value.plain(name, p == 0 ? "<null reference>" : RemoteAddress.of(p).toString(), typeName);
        }
        Value referent = pointee(name, t.target(), RemoteAddress.of(p));
        return new Value(name, referent.display(), typeName, Optional.of(RemoteAddress.of(p)), referent.pointer(),
                referent.expansion());
    }

    private Value pointer(String name, TypeInfo t, String typeName, Placed at) throws AgentException {
        byte[] bytes = at.load(source, 8);
        if (bytes.length < 8) {
            return new Value(name, unreadable(at), typeName, at.address(), Optional.empty(), Optional.empty());
        }
        long p = Scalars.integer(bytes, false).longValue();
        RemoteAddress target = RemoteAddress.of(p);
        StringBuilder display = new StringBuilder(target.toString());
        TypeInfo pointee = t.target() == 0 ? null : strip(t.target());
        Optional<String> widePrefix = pointee == null ? Optional.empty() : StdText.prefix(pointee);
        if (p != 0 && widePrefix.isPresent()) {
            display.append(' ').append(StdText.pointed(source, target, widePrefix.get(), (int) pointee.size()));
        }
        if (p != 0 && pointee != null && isCharacter(pointee)) {
            display.append(' ').append(cString(target));
        } else if (p != 0 && pointee != null && pointee.kind() == TypeKind.FUNCTION) {
            source.functionAt(target).ifPresent(f -> display.append(" <").append(f).append('>'));
        }
        boolean expandable = p != 0 && pointee != null && pointee.kind() != TypeKind.FUNCTION
                && pointee.kind() != TypeKind.VOID;
        Optional<Expansion> expansion = expandable
                ? Optional.of(new Expansion.Pointee("*" + name, t.target(), target)) : Optional.empty();
        return new Value(name, display.toString(), typeName, at.address(), Optional.of(target), expansion);
    }

    private Value array(String name, TypeInfo t, String typeName, Placed at) throws AgentException {
        TypeInfo element = t.target() == 0 ? null : strip(t.target());
        long elementSize = element == null ? 0 : sizeOf(element);
        long count = t.count();
        String display;
        if (element != null && isCharacter(element) && count <= EAGER_LIMIT) {
            byte[] bytes = at.load(source, (int) count);
            int n = 0;
            while (n < bytes.length && n < MAX_STRING && bytes[n] != 0) {
                n++;
            }
            display = Scalars.string(bytes, n, n == MAX_STRING && n < count && bytes[n] != 0);
        } else {
            display = arraySummary(element, elementSize, count, at);
        }
        Optional<Expansion> expansion = count > 0 && element != null
                ? Optional.of(new Expansion.Elements(t.target(), elementSize, count, at)) : Optional.empty();
        return new Value(name, display, typeName, at.address(), Optional.empty(), expansion);
    }

    /** "{1, 2, 3}" for a short array of scalars whose bytes are at hand, else "[count]". */
    private String arraySummary(TypeInfo element, long elementSize, long count, Placed at) throws AgentException {
        if (element == null || !isScalar(element) || elementSize == 0 || count * elementSize > EAGER_LIMIT) {
            return "[" + count + "]";
        }
        long shown = Math.min(count, PREVIEW_ELEMENTS);
        byte[] bytes = at.load(source, (int) (shown * elementSize));
        if (bytes.length < shown * elementSize) {
            return "[" + count + "]";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            byte[] one = java.util.Arrays.copyOfRange(bytes, (int) (i * elementSize), (int) ((i + 1) * elementSize));
            parts.add(scalar(element, one));
        }
        return "{" + String.join(", ", parts) + (count > shown ? ", ...}" : "}");
    }

    /** "{x = 1, y = 2}" for a small struct of scalars, else "{...}". */
    private String aggregateSummary(TypeInfo t, Placed at) throws AgentException {
        if (t.members().isEmpty() || t.members().size() > PREVIEW_MEMBERS || sizeOf(t) > EAGER_LIMIT) {
            return "{...}";
        }
        for (TypeInfo.Member m : t.members()) {
            if (!isScalar(strip(m.typeId())) || m.name().isEmpty()) {
                return "{...}";
            }
        }
        List<String> parts = new ArrayList<>();
        for (Value v : members(t, at)) {
            parts.add(v.name() + " = " + v.display());
        }
        return "{" + String.join(", ", parts) + "}";
    }

    /** A C string at {@code at}, read up to its NUL (at most MAX_STRING characters). */
    private String cString(RemoteAddress at) throws AgentException {
        byte[] bytes = source.readMemory(at, MAX_STRING + 1);
        if (bytes.length == 0) {
            return "<unreadable>";
        }
        int n = 0;
        while (n < bytes.length && n < MAX_STRING && bytes[n] != 0) {
            n++;
        }
        return Scalars.string(bytes, n, n == MAX_STRING && bytes.length > n && bytes[n] != 0);
    }

    private String scalar(TypeInfo t, byte[] bytes) {
        if (t.kind() == TypeKind.FLOAT) {
            return Scalars.floating(bytes);
        }
        if (t.kind() == TypeKind.POINTER) {
            return RemoteAddress.of(Scalars.integer(bytes, false).longValue()).toString();
        }
        if (t.kind() == TypeKind.UNKNOWN) {
            return "<" + java.util.HexFormat.of().formatHex(bytes) + ">";
        }
        if (t.kind() == TypeKind.UNSIGNED_INT && t.size() == 4 && t.name().equals("char")) {
            return RustText.character(Scalars.integer(bytes, false).longValue()); // Rust's char (C's is 1 byte)
        }
        return scalarOf(t, Scalars.integer(bytes, isSigned(t)));
    }

    /** An integer-like value shown as its type says: number, character, bool, enumerator. */
    private static String scalarOf(TypeInfo t, BigInteger v) {
        return switch (t.kind()) {
            case CHAR -> Scalars.character(v.longValue(), true);
            case UNSIGNED_CHAR -> Scalars.character(v.longValue(), false);
            case BOOL -> v.signum() != 0 ? "true" : "false";
            case ENUM -> enumerator(t, v);
            default -> v.toString();
        };
    }

    private static String enumerator(TypeInfo t, BigInteger v) {
        long bits = t.size() >= 8 || t.size() == 0 ? -1L : (1L << (8 * t.size())) - 1;
        for (TypeInfo.Enumerator e : t.enumerators()) {
            if ((e.value() & bits) == (v.longValue() & bits)) {
                return e.name();
            }
        }
        return v.toString();
    }

    private static boolean isSigned(TypeInfo t) {
        return switch (t.kind()) {
            case SIGNED_INT, CHAR -> true;
            case ENUM -> t.enumerators().stream().anyMatch(e -> e.value() < 0);
            default -> false;
        };
    }

    private static boolean isCharacter(TypeInfo t) {
        return (t.kind() == TypeKind.CHAR || t.kind() == TypeKind.UNSIGNED_CHAR) && t.size() == 1;
    }

    private static boolean isScalar(TypeInfo t) {
        return switch (t.kind()) {
            case SIGNED_INT, UNSIGNED_INT, CHAR, UNSIGNED_CHAR, BOOL, FLOAT, ENUM, POINTER -> true;
            default -> false;
        };
    }

    private static String unreadable(Placed at) {
        return at.address().map(a -> "<unreadable memory at " + a + ">").orElse("<unavailable>");
    }

    /** The type itself, through typedefs, const and volatile. */
    private TypeInfo strip(int typeId) throws AgentException {
        TypeInfo t = source.type(typeId);
        for (int i = 0; i < MAX_TYPE_CHAIN && t.kind().isTransparent(); i++) {
            t = source.type(t.target());
        }
        return t;
    }

    /** Size in bytes; arrays whose size the debug information leaves out are count × element. */
    private long sizeOf(TypeInfo t) throws AgentException {
        if (t.size() > 0 || t.kind() != TypeKind.ARRAY || t.target() == 0) {
            return t.size();
        }
        return t.count() * sizeOf(strip(t.target()));
    }
}
