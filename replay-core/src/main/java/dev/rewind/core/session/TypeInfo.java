/*
 * TypeInfo: one C type of the replayed program (the agent's TYPE_INFO). Types are immutable for a
 * session's lifetime, so ReplaySession caches them by id. Type 0 is void.
 */
package dev.rewind.core.session;

import java.util.List;
import java.util.Objects;

/**
 * @param name    "int", "struct point", a typedef's name; empty when unnamed
 * @param size    bytes (0 for void, functions, incomplete types)
 * @param target  pointee, element, or the type a typedef/const/volatile qualifies (0 = void)
 * @param count   array element count (0 = unknown / flexible); for a function type 1 when its parameters
 *                are declared (a prototype), 0 for an old-style C declaration
 * @param members struct and union members, a function type's parameters (unnamed, "..." for a variadic
 *                function's rest), empty otherwise
 * @param enumerators enum constants (empty otherwise)
 */
public record TypeInfo(int id, TypeKind kind, String name, long size, int target, long count, List<Member> members,
                       List<Enumerator> enumerators) {
    public TypeInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        enumerators = List.copyOf(enumerators);
        if (id < 0 || target < 0 || size < 0 || count < 0) {
            throw new IllegalArgumentException("type " + id + ": negative id, target, size or count");
        }
        if (!members.isEmpty() && kind != TypeKind.STRUCT && kind != TypeKind.UNION && kind != TypeKind.FUNCTION) {
            throw new IllegalArgumentException("type " + id + " of kind " + kind + " cannot have members");
        }
        if (!enumerators.isEmpty() && kind != TypeKind.ENUM) {
            throw new IllegalArgumentException("type " + id + " of kind " + kind + " cannot have enumerators");
        }
    }

    /** A struct or union member; bitSize 0 when it is not a bitfield. */
    public record Member(String name, int typeId, long offset, int bitOffset, int bitSize) {
        public Member {
            Objects.requireNonNull(name, "name");
            if (typeId < 0 || offset < 0 || bitOffset < 0 || bitSize < 0 || bitSize > 64) {
                throw new IllegalArgumentException("member " + name + ": bad type id, offset or bit field");
            }
        }

        public boolean isBitfield() {
            return bitSize > 0;
        }
    }

    /** An enum constant and its value (two's complement on the wire). */
    public record Enumerator(String name, long value) {
        public Enumerator {
            Objects.requireNonNull(name, "name");
        }
    }
}
