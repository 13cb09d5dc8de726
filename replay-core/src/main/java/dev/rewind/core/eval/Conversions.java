/*
 * Conversions: reading scalar operands as numbers and making operands from numbers, with C's
 * conversions: to any scalar type (as a cast or an assignment converts), the integer promotions,
 * the usual arithmetic conversions by size and signedness, and arrays decaying to pointers.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;

final class Conversions {
    private final CTypes types;

    Conversions(CTypes types) {
        this.types = types;
    }

    /** All bytes of the operand's value, or "cannot read memory at ..." when memory ends first. */
    byte[] load(Operand o) throws EvalException, AgentException {
        long size = types.sizeOf(o.typeId());
        if (size > Integer.MAX_VALUE) {
            throw new EvalException("a value of " + size + " bytes is too large to read");
        }
        byte[] bytes = o.at().load(types.memory(), (int) size);
        if (bytes.length < size) {
            throw cannotRead(o);
        }
        return bytes;
    }

    static EvalException cannotRead(Operand o) {
        return new EvalException(o.address().map(a -> "cannot read memory at " + a)
                .orElse("the value is not available"));
    }

    /** An integer, enum, bool, char or pointer operand's value (pointers as unsigned addresses). */
    BigInteger integer(Operand o) throws EvalException, AgentException {
        TypeInfo t = types.strip(o.typeId());
        if (CTypes.isFloating(t)) {
            return truncate(Numbers.floating(load(o)));
        }
        if (!CTypes.isInteger(t) && !CTypes.isPointer(t)) {
            throw new EvalException("a value of type " + types.name(o.typeId()) + " is not a number");
        }
        return Numbers.integer(load(o), CTypes.isSigned(t));
    }

    double floating(Operand o) throws EvalException, AgentException {
        TypeInfo t = types.strip(o.typeId());
        if (CTypes.isFloating(t)) {
            return Numbers.floating(load(o));
        }
        if (CTypes.isInteger(t)) {
            return integer(o).doubleValue();
        }
        throw new EvalException("a value of type " + types.name(o.typeId()) + " is not a number");
    }

    /** True when a scalar is not zero; C's test for conditions, !, && and ||. */
    boolean truth(Operand o) throws EvalException, AgentException {
        Operand d = decay(o);
        TypeInfo t = types.strip(d.typeId());
        if (CTypes.isFloating(t)) {
            return floating(d) != 0.0;
        }
        if (CTypes.isInteger(t) || CTypes.isPointer(t)) {
            return integer(d).signum() != 0;
        }
        throw new EvalException("a value of type " + types.name(d.typeId()) + " cannot be used as a condition");
    }

    /** {@code v} as a value of type {@code typeId} (wrapped to its width; 0 or 1 for _Bool). */
    Operand ofInteger(BigInteger v, int typeId) throws AgentException {
        TypeInfo t = types.strip(typeId);
        int size = (int) t.size();
        if (t.kind() == TypeKind.BOOL) {
            return Operand.computed(typeId, Numbers.bytes(BigInteger.valueOf(v.signum() == 0 ? 0 : 1), size));
        }
        if (CTypes.isFloating(t)) {
            return Operand.computed(typeId, Numbers.floatingBytes(v.doubleValue(), size));
        }
        return Operand.computed(typeId, Numbers.bytes(v, size));
    }

    Operand ofDouble(double v, int typeId) throws EvalException, AgentException {
        TypeInfo t = types.strip(typeId);
        if (CTypes.isFloating(t)) {
            return Operand.computed(typeId, Numbers.floatingBytes(v, (int) t.size()));
        }
        return ofInteger(t.kind() == TypeKind.BOOL ? BigInteger.valueOf(v == 0.0 ? 0 : 1) : truncate(v), typeId);
    }

    Operand ofBase(BigInteger v, BaseType b) throws AgentException {
        return ofInteger(v, types.table().base(b));
    }

    /** {@code o} converted to type {@code target}, as a C cast does. */
    Operand convert(Operand o, int target) throws EvalException, AgentException {
        TypeInfo to = types.strip(target);
        if (to.kind() == TypeKind.VOID) {
            return Operand.computed(target, new byte[0]);
        }
        Operand from = decay(o);
        TypeInfo s = types.strip(from.typeId());
        if (s.id() == to.id() && !CTypes.isScalar(to)) {
            return new Operand(target, from.at());
        }
        if (!CTypes.isScalar(to)) {
            throw new EvalException("cannot convert to " + types.name(target) + ": only numbers and pointers can"
                    + " be cast to");
        }
        if (!CTypes.isScalar(s)) {
            throw new EvalException("cannot convert a value of type " + types.name(from.typeId()) + " to "
                    + types.name(target));
        }
        if (CTypes.isFloating(s)) {
            if (CTypes.isPointer(to)) {
                throw new EvalException("cannot convert a floating value to the pointer type " + types.name(target));
            }
            return ofDouble(floating(from), target);
        }
        if (CTypes.isFloating(to) && CTypes.isPointer(s)) {
            throw new EvalException("cannot convert a pointer to the floating type " + types.name(target));
        }
        return ofInteger(integer(from), target);
    }

    /** Arrays to a pointer to their first element, functions to a pointer to them; other values as they are. */
    Operand decay(Operand o) throws EvalException, AgentException {
        TypeInfo t = types.strip(o.typeId());
        if (t.kind() != TypeKind.ARRAY && t.kind() != TypeKind.FUNCTION) {
            return o;
        }
        if (o.address().isEmpty()) {
            throw new EvalException("this " + (t.kind() == TypeKind.ARRAY ? "array" : "function")
                    + " has no address in the replayed program");
        }
        int pointer = types.table().pointerTo(t.kind() == TypeKind.ARRAY ? t.target() : o.typeId());
        return Operand.computed(pointer, Numbers.bytes(BigInteger.valueOf(o.address().get().value()), 8));
    }

    /** The type an integer operand has after the integer promotions (itself for other types). */
    int promoted(int typeId) throws AgentException {
        TypeInfo t = types.strip(typeId);
        if (!CTypes.isInteger(t)) {
            return typeId;
        }
        if (t.size() < 4) {
            return types.table().base(BaseType.INT);
        }
        if (t.kind() == TypeKind.ENUM || t.kind() == TypeKind.BOOL
                || t.kind() == TypeKind.CHAR || t.kind() == TypeKind.UNSIGNED_CHAR) {
            boolean signed = CTypes.isSigned(t);
            return types.table().base(t.size() == 4 ? (signed ? BaseType.INT : BaseType.UNSIGNED_INT)
                    : t.size() == 8 ? (signed ? BaseType.LONG : BaseType.UNSIGNED_LONG)
                    : (signed ? BaseType.INT128 : BaseType.UNSIGNED_INT128));
        }
        return t.id();
    }

    /** The common type of two arithmetic operands' types (the usual arithmetic conversions). */
    int common(int a, int b) throws AgentException {
        TypeInfo ta = types.strip(a);
        TypeInfo tb = types.strip(b);
        if (CTypes.isFloating(ta) || CTypes.isFloating(tb)) {
            if (!CTypes.isFloating(tb)) {
                return ta.id();
            }
            if (!CTypes.isFloating(ta)) {
                return tb.id();
            }
            return tb.size() > ta.size() ? tb.id() : ta.id();
        }
        ta = types.strip(promoted(a));
        tb = types.strip(promoted(b));
        boolean sa = CTypes.isSigned(ta);
        boolean sb = CTypes.isSigned(tb);
        if (sa == sb) {
            return tb.size() > ta.size() ? tb.id() : ta.id();
        }
        TypeInfo unsigned = sa ? tb : ta;
        TypeInfo signed = sa ? ta : tb;
        return unsigned.size() >= signed.size() ? unsigned.id() : signed.id();
    }

    private static BigInteger truncate(double v) throws EvalException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new EvalException("cannot convert " + v + " to an integer");
        }
        return new BigDecimal(v).toBigInteger();
    }
}
