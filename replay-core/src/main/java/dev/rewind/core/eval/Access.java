/*
 * Access: the operators that reach other objects: `.` and `->` (also through anonymous struct and
 * union members; bit-fields are extracted), `[]`, unary `*` and `&`. Nothing is read until a value
 * is needed: `*p` is an lvalue at p's address, `&p->next` never reads p->next.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.math.BigInteger;
import java.util.Optional;

final class Access {
    private static final int MAX_NESTING = 16;

    private final CTypes types;
    private final Conversions conv;
    private final Operators ops;

    Access(CTypes types, Conversions conv, Operators ops) {
        this.types = types;
        this.conv = conv;
        this.ops = ops;
    }

    /** A member found by name, its offset from the start of the outermost struct. */
    private record Found(TypeInfo.Member member, long offset) {
    }

    Operand member(Operand base, String name, boolean arrow) throws EvalException, AgentException {
        Operand object = base;
        TypeInfo t = types.strip(base.typeId());
        if (arrow) {
            if (!CTypes.isPointer(t) && t.kind() != TypeKind.ARRAY) {
                throw new EvalException("'->' needs a pointer to a struct or union, not " + types.name(base.typeId())
                        + (CTypes.isAggregate(t) ? " (use '.')" : ""));
            }
            object = dereference(base);
            t = types.strip(object.typeId());
        } else if (rustPointer(t)) {
            object = throughRustPointers(base); // Rust has no '->': '.' goes through references and Box
            t = types.strip(object.typeId());
        } else if (CTypes.isPointer(t) && t.target() != 0 && CTypes.isAggregate(types.strip(t.target()))) {
            throw new EvalException("'.' needs a struct or union, not the pointer " + types.name(base.typeId())
                    + " (use '->')");
        }
        if (!CTypes.isAggregate(t)) {
            throw new EvalException("'" + (arrow ? "->" : ".") + name + "' needs a struct or union, not "
                    + types.name(object.typeId()));
        }
        Optional<Found> found = find(t, name, 0, 0);
        if (found.isEmpty() && !name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            found = find(t, "__" + name, 0, 0); // Rust names tuple fields __0, __1 in its debug information
        }
        if (found.isEmpty()) {
            throw new EvalException(describe(t) + " has no member named '" + name + "'");
        }
        Found f = found.get();
        TypeInfo.Member m = f.member();
        if (!m.isBitfield()) {
            return new Operand(m.typeId(), object.at().slice(f.offset(), types.sizeOf(m.typeId())));
        }
        int length = (m.bitOffset() + m.bitSize() + 7) / 8;
        byte[] bytes = object.at().slice(f.offset(), length).load(types.memory(), length);
        if (bytes.length < length) {
            throw Conversions.cannotRead(object);
        }
        BigInteger raw = Numbers.integer(bytes, false).shiftRight(m.bitOffset());
        BigInteger v = raw.and(BigInteger.ONE.shiftLeft(m.bitSize()).subtract(BigInteger.ONE));
        if (CTypes.isSigned(types.strip(m.typeId())) && v.testBit(m.bitSize() - 1)) {
            v = v.subtract(BigInteger.ONE.shiftLeft(m.bitSize()));
        }
        return conv.ofInteger(v, m.typeId());
    }

    /** What {@code o} refers to through Rust references and Boxes to structs (self.pos); itself otherwise. */
    Operand throughRustPointers(Operand o) throws EvalException, AgentException {
        Operand object = o;
        for (int depth = 0; rustPointer(types.strip(object.typeId())) && depth < MAX_NESTING; depth++) {
            object = dereference(object);
        }
        return object;
    }

    /** A Rust reference, raw pointer or Box to a struct: Rust's pointer types have names of their own. */
    private boolean rustPointer(TypeInfo t) throws AgentException {
        return CTypes.isPointer(t) && !t.name().isEmpty() && t.target() != 0
                && CTypes.isAggregate(types.strip(t.target()));
    }

    private String describe(TypeInfo t) {
        return t.name().isEmpty() ? (t.kind() == TypeKind.UNION ? "the union" : "the struct") : t.name();
    }

    /** True when struct or union {@code typeId} has a member {@code name} (in a base or anonymous member too). */
    boolean hasMember(int typeId, String name) throws AgentException {
        TypeInfo t = types.strip(typeId);
        return CTypes.isAggregate(t) && find(t, name, 0, 0).isPresent();
    }

    /** The member {@code name} of {@code t}, looking into anonymous members as C does. */
    private Optional<Found> find(TypeInfo t, String name, long base, int depth) throws AgentException {
        if (depth > MAX_NESTING) {
            return Optional.empty();
        }
        for (TypeInfo.Member m : t.members()) {
            if (m.name().equals(name)) {
                return Optional.of(new Found(m, base + m.offset()));
            }
        }
        for (TypeInfo.Member m : t.members()) {
            TypeInfo inner = types.strip(m.typeId());
            if (m.name().isEmpty() && CTypes.isAggregate(inner)) {
                Optional<Found> f = find(inner, name, base + m.offset(), depth + 1);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        return Optional.empty();
    }

    /** a[i]: *(a + i), with arrays that live only in hand (string literals, register values) sliced. */
    Operand index(Operand base, Operand index) throws EvalException, AgentException {
        TypeInfo t = types.strip(base.typeId());
        if (t.kind() == TypeKind.ARRAY && base.address().isEmpty()) {
            if (!CTypes.isInteger(types.strip(index.typeId()))) {
                throw new EvalException("an array index must be an integer, not " + types.name(index.typeId()));
            }
            BigInteger i = conv.integer(index);
            long size = types.sizeOf(t.target());
            if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(t.count())) >= 0) {
                throw new EvalException("index " + i + " is outside the array of " + t.count() + " elements");
            }
            return new Operand(t.target(), base.at().slice(i.longValue() * size, size));
        }
        Operand b = conv.decay(base);
        Operand x = conv.decay(index);
        boolean basePointer = CTypes.isPointer(types.strip(b.typeId()));
        boolean indexPointer = CTypes.isPointer(types.strip(x.typeId()));
        if (!basePointer && !indexPointer) {
            throw new EvalException("cannot index a value of type " + types.name(base.typeId())
                    + ": it is not an array or a pointer");
        }
        return dereference(ops.binary(Expr.BinaryOp.ADD, b, x));
    }

    /** *p: the object p points to, in memory at p's value (read later, when needed). */
    Operand dereference(Operand pointer) throws EvalException, AgentException {
        Operand p = conv.decay(pointer);
        TypeInfo t = types.strip(p.typeId());
        if (!CTypes.isPointer(t)) {
            throw new EvalException("cannot dereference a value of type " + types.name(p.typeId()));
        }
        if (t.target() == 0 || types.strip(t.target()).kind() == TypeKind.VOID) {
            throw new EvalException("cannot dereference a void pointer (" + types.name(p.typeId()) + "): cast it"
                    + " to a pointer to a type first");
        }
        RemoteAddress address = RemoteAddress.of(conv.integer(p).longValue());
        return Operand.inMemory(t.target(), address);
    }

    /** &x: a pointer to an object in memory. */
    Operand addressOf(Operand o) throws EvalException, AgentException {
        Optional<RemoteAddress> address = o.address();
        if (address.isEmpty()) {
            throw new EvalException("cannot take the address of a value that is not in memory"
                    + " (a register variable, a bit-field or a computed value)");
        }
        int pointer = types.table().pointerTo(o.typeId());
        return conv.ofInteger(new BigInteger(Long.toUnsignedString(address.get().value())), pointer);
    }
}
