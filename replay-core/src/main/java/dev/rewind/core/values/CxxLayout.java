/*
 * CxxLayout: finding one's way in a C++ object's layout by member names: a member found through
 * base-class subobjects and anonymous members (libstdc++ keeps its data in bases: _Vector_base,
 * _Rb_tree_impl, ...), words read from the replayed process, template arguments of a type, and the
 * unqualified name of a class ("std::__cxx11::list<int, ...>" → "list<int, ...>").
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.util.List;
import java.util.Optional;

final class CxxLayout {
    /** How deep base classes are searched (libstdc++'s deepest, tuple and hashtable, stay well below). */
    private static final int MAX_BASE_DEPTH = 24;
    private static final int MAX_TYPE_CHAIN = 32;

    /** A member found: its offset from the start of the object searched, and its type. */
    record Field(long offset, int typeId) {
    }

    private final ValueSource source;

    CxxLayout(ValueSource source) {
        this.source = source;
    }

    /** The type itself, through typedefs, const and volatile. */
    TypeInfo strip(int typeId) throws AgentException {
        TypeInfo t = source.type(typeId);
        for (int i = 0; i < MAX_TYPE_CHAIN && t.kind().isTransparent(); i++) {
            t = source.type(t.target());
        }
        return t;
    }

    /** The member path {@code names} from type {@code typeId}, each step searched through bases. */
    Optional<Field> find(int typeId, String... names) throws AgentException {
        long offset = 0;
        int type = typeId;
        for (String name : names) {
            Optional<Field> f = member(type, name, 0);
            if (f.isEmpty()) {
                return Optional.empty();
            }
            offset += f.get().offset();
            type = f.get().typeId();
        }
        return Optional.of(new Field(offset, type));
    }

    private Optional<Field> member(int typeId, String name, int depth) throws AgentException {
        TypeInfo t = strip(typeId);
        if ((t.kind() != TypeKind.STRUCT && t.kind() != TypeKind.UNION) || depth > MAX_BASE_DEPTH) {
            return Optional.empty();
        }
        for (TypeInfo.Member m : t.members()) {
            if (m.name().equals(name) && !m.isBitfield()) {
                return Optional.of(new Field(m.offset(), m.typeId()));
            }
        }
        for (TypeInfo.Member m : t.members()) {
            if (m.name().isEmpty()) { // a base class or an anonymous struct/union
                Optional<Field> inner = member(m.typeId(), name, depth + 1);
                if (inner.isPresent()) {
                    return Optional.of(new Field(m.offset() + inner.get().offset(), inner.get().typeId()));
                }
            }
        }
        return Optional.empty();
    }

    /** The first class template argument found in the bases of {@code typeId} (or it itself) whose name
     * starts with {@code prefix}, looking one level into each argument's own arguments (allocators). */
    Optional<Integer> argumentNamed(int typeId, String prefix) throws AgentException {
        return argumentNamed(typeId, prefix, 0);
    }

    private Optional<Integer> argumentNamed(int typeId, String prefix, int depth) throws AgentException {
        TypeInfo t = strip(typeId);
        if (t.kind() != TypeKind.STRUCT || depth > MAX_BASE_DEPTH) {
            return Optional.empty();
        }
        for (int arg : source.cxx(t.id()).templateArgs()) {
            if (className(arg).startsWith(prefix)) {
                return Optional.of(arg);
            }
            for (int inner : source.cxx(strip(arg).id()).templateArgs()) {
                if (className(inner).startsWith(prefix)) {
                    return Optional.of(inner);
                }
            }
        }
        List<TypeInfo.Member> members = t.members();
        for (int i = 0; i < members.size(); i++) {
            TypeInfo.Member m = members.get(i);
            if (m.name().isEmpty() || m.name().equals("_M_impl") || m.name().equals("_M_h") || m.name().equals("_M_t")) {
                Optional<Integer> found = argumentNamed(m.typeId(), prefix, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Template type argument {@code index} of the class {@code typeId}. */
    Optional<Integer> argument(int typeId, int index) throws AgentException {
        List<Integer> args = source.cxx(strip(typeId).id()).templateArgs();
        return index < args.size() ? Optional.of(args.get(index)) : Optional.empty();
    }

    /**
     * The type of a value kept in libstdc++'s raw storage member: __aligned_membuf&lt;T&gt; and
     * __aligned_buffer&lt;T&gt; hold a T as bytes (its template argument says which), others are T itself.
     */
    Optional<Integer> storedType(int storageTypeId) throws AgentException {
        String name = className(storageTypeId);
        if (name.startsWith("__aligned_membuf<") || name.startsWith("__aligned_buffer<")) {
            return argument(storageTypeId, 0);
        }
        return Optional.of(storageTypeId);
    }

    /** The class name without "struct "/"class " and the std, __cxx11, __gnu_cxx and __detail qualifiers. */
    String className(int typeId) throws AgentException {
        TypeInfo t = strip(typeId);
        if (t.kind() != TypeKind.STRUCT && t.kind() != TypeKind.UNION) {
            return "";
        }
        return unqualified(t.name());
    }

    static String unqualified(String name) {
        String n = name;
        for (String prefix : List.of("struct ", "class ", "union ")) {
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length());
            }
        }
        boolean again = true;
        while (again) {
            again = false;
            for (String ns : List.of("std::", "__cxx11::", "__gnu_cxx::", "__detail::", "__variant::")) {
                if (n.startsWith(ns)) {
                    n = n.substring(ns.length());
                    again = true;
                }
            }
        }
        return n;
    }

    /** The 8-byte word at {@code at + offset}, empty when unreadable. */
    Optional<Long> word(Placed at, long offset) throws AgentException {
        byte[] b = at.slice(offset, 8).load(source, 8);
        return b.length < 8 ? Optional.empty() : Optional.of(Scalars.integer(b, false).longValue());
    }

    /** The unsigned integer of {@code size} bytes at {@code at + offset}. */
    Optional<Long> unsigned(Placed at, long offset, long size) throws AgentException {
        if (size <= 0 || size > 8) {
            return Optional.empty();
        }
        byte[] b = at.slice(offset, size).load(source, (int) size);
        return b.length < size ? Optional.empty() : Optional.of(Scalars.integer(b, false).longValue());
    }

    /** The 8-byte word at an address of the replayed process. */
    Optional<Long> wordAt(long address) throws AgentException {
        return word(Placed.inMemory(RemoteAddress.of(address)), 0);
    }

    /** The pointee type of a pointer type, through typedefs ("pointer"). */
    Optional<Integer> pointee(int pointerTypeId) throws AgentException {
        TypeInfo t = strip(pointerTypeId);
        return t.kind() == TypeKind.POINTER && t.target() != 0 ? Optional.of(t.target()) : Optional.empty();
    }

    /** The size of a type (arrays whose debug information leaves it out: count × element). */
    long sizeOf(int typeId) throws AgentException {
        TypeInfo t = strip(typeId);
        if (t.size() > 0 || t.kind() != TypeKind.ARRAY || t.target() == 0) {
            return t.size();
        }
        return t.count() * sizeOf(t.target());
    }
}
