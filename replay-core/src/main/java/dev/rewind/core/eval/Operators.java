/*
 * Operators: C's unary and binary operators on evaluated operands (&& and || excepted: they
 * short-circuit, so the Evaluator runs them): arithmetic after the usual conversions, pointer
 * arithmetic scaled by the pointee's size, pointer differences and comparisons, shifts, bitwise.
 * Integer results wrap to their type's width as on x86-64; integer division by zero is refused.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.math.BigInteger;

final class Operators {
    private static final BigInteger ADDRESS_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final CTypes types;
    private final Conversions conv;

    Operators(CTypes types, Conversions conv) {
        this.types = types;
        this.conv = conv;
    }

    Operand unary(Expr.UnaryOp op, Operand operand) throws EvalException, AgentException {
        Operand o = conv.decay(operand);
        TypeInfo t = types.strip(o.typeId());
        switch (op) {
            case NOT:
                return conv.ofBase(BigInteger.valueOf(conv.truth(o) ? 0 : 1), BaseType.INT);
            case NEGATE:
            case PLUS:
                if (!CTypes.isArithmetic(t)) {
                    throw invalid(op.symbol, o);
                }
                int type = conv.promoted(o.typeId());
                if (CTypes.isFloating(t)) {
                    double v = conv.floating(o);
                    return conv.ofDouble(op == Expr.UnaryOp.NEGATE ? -v : v, type);
                }
                BigInteger v = conv.integer(o);
                return conv.ofInteger(op == Expr.UnaryOp.NEGATE ? v.negate() : v, type);
            case COMPLEMENT:
                if (!CTypes.isInteger(t)) {
                    throw invalid(op.symbol, o);
                }
                return conv.ofInteger(conv.integer(o).not(), conv.promoted(o.typeId()));
            default:
                throw new IllegalArgumentException("not an arithmetic operator: " + op);
        }
    }

    Operand binary(Expr.BinaryOp op, Operand left, Operand right) throws EvalException, AgentException {
        Operand l = conv.decay(left);
        Operand r = conv.decay(right);
        TypeInfo lt = types.strip(l.typeId());
        TypeInfo rt = types.strip(r.typeId());
        if (CTypes.isPointer(lt) || CTypes.isPointer(rt)) {
            return pointers(op, l, lt, r, rt);
        }
        if (!CTypes.isArithmetic(lt) || !CTypes.isArithmetic(rt)) {
            throw invalid(op.symbol, CTypes.isArithmetic(lt) ? r : l);
        }
        switch (op) {
            case SHIFT_LEFT:
            case SHIFT_RIGHT:
                return shift(op, l, lt, r, rt);
            case REMAINDER:
            case BIT_AND:
            case BIT_OR:
            case BIT_XOR:
                if (!CTypes.isInteger(lt) || !CTypes.isInteger(rt)) {
                    throw invalid(op.symbol, CTypes.isInteger(lt) ? r : l);
                }
                break;
            default:
                break;
        }
        int common = conv.common(l.typeId(), r.typeId());
        if (CTypes.isFloating(types.strip(common))) {
            return floating(op, conv.floating(l), conv.floating(r), common);
        }
        return integer(op, conv.integer(l), conv.integer(r), common);
    }

    private Operand floating(Expr.BinaryOp op, double a, double b, int type) throws EvalException, AgentException {
        return switch (op) {
            case MULTIPLY -> conv.ofDouble(a * b, type);
            case DIVIDE -> conv.ofDouble(a / b, type);
            case ADD -> conv.ofDouble(a + b, type);
            case SUBTRACT -> conv.ofDouble(a - b, type);
            case LESS -> bool(a < b);
            case GREATER -> bool(a > b);
            case LESS_EQUAL -> bool(a <= b);
            case GREATER_EQUAL -> bool(a >= b);
            case EQUAL -> bool(a == b);
            case NOT_EQUAL -> bool(a != b);
            default -> throw new IllegalArgumentException("not a floating operator: " + op);
        };
    }

    private Operand integer(Expr.BinaryOp op, BigInteger a, BigInteger b, int type) throws EvalException, AgentException {
        TypeInfo t = types.strip(type);
        BigInteger x = Numbers.wrap(a, (int) t.size(), CTypes.isSigned(t));
        BigInteger y = Numbers.wrap(b, (int) t.size(), CTypes.isSigned(t));
        switch (op) {
            case MULTIPLY: return conv.ofInteger(x.multiply(y), type);
            case DIVIDE:
            case REMAINDER:
                if (y.signum() == 0) {
                    throw new EvalException("division by zero");
                }
                return conv.ofInteger(op == Expr.BinaryOp.DIVIDE ? x.divide(y) : x.remainder(y), type);
            case ADD: return conv.ofInteger(x.add(y), type);
            case SUBTRACT: return conv.ofInteger(x.subtract(y), type);
            case BIT_AND: return conv.ofInteger(x.and(y), type);
            case BIT_OR: return conv.ofInteger(x.or(y), type);
            case BIT_XOR: return conv.ofInteger(x.xor(y), type);
            default: return compare(op, x.compareTo(y));
        }
    }

    private Operand shift(Expr.BinaryOp op, Operand l, TypeInfo lt, Operand r, TypeInfo rt)
            throws EvalException, AgentException {
        if (!CTypes.isInteger(lt) || !CTypes.isInteger(rt)) {
            throw invalid(op.symbol, CTypes.isInteger(lt) ? r : l);
        }
        int type = conv.promoted(l.typeId());
        long width = types.strip(type).size() * 8;
        BigInteger count = conv.integer(r);
        if (count.signum() < 0 || count.compareTo(BigInteger.valueOf(width)) >= 0) {
            throw new EvalException("shift count " + count + " is out of range for " + types.name(type)
                    + " (0 to " + (width - 1) + ")");
        }
        BigInteger v = conv.integer(l);
        int n = count.intValue();
        return conv.ofInteger(op == Expr.BinaryOp.SHIFT_LEFT ? v.shiftLeft(n) : v.shiftRight(n), type);
    }

    /** Pointer ± integer, integer + pointer, pointer − pointer, comparisons with a pointer. */
    private Operand pointers(Expr.BinaryOp op, Operand l, TypeInfo lt, Operand r, TypeInfo rt)
            throws EvalException, AgentException {
        boolean lp = CTypes.isPointer(lt);
        boolean rp = CTypes.isPointer(rt);
        if (op.isComparison()) {
            if ((!lp && !CTypes.isInteger(lt)) || (!rp && !CTypes.isInteger(rt))) {
                throw new EvalException("cannot compare " + types.name(l.typeId()) + " with " + types.name(r.typeId()));
            }
            return compare(op, address(l).compareTo(address(r)));
        }
        if (op == Expr.BinaryOp.ADD && (lp != rp)) {
            Operand pointer = lp ? l : r;
            Operand offset = lp ? r : l;
            return offset(pointer, offset, 1);
        }
        if (op == Expr.BinaryOp.SUBTRACT && lp && !rp) {
            return offset(l, r, -1);
        }
        if (op == Expr.BinaryOp.SUBTRACT && lp) {
            long ls = elementSize(l);
            long rs = elementSize(r);
            if (ls != rs) {
                throw new EvalException("cannot subtract " + types.name(r.typeId()) + " from " + types.name(l.typeId())
                        + ": they point to types of different sizes");
            }
            long difference = address(l).longValue() - address(r).longValue();
            return conv.ofBase(BigInteger.valueOf(difference / ls), BaseType.LONG);
        }
        throw new EvalException("invalid operands to " + op.symbol + " (" + types.name(l.typeId()) + " and "
                + types.name(r.typeId()) + ")");
    }

    private Operand offset(Operand pointer, Operand offset, int sign) throws EvalException, AgentException {
        if (!CTypes.isInteger(types.strip(offset.typeId()))) {
            throw new EvalException("a pointer can only be offset by an integer, not by " + types.name(offset.typeId()));
        }
        BigInteger bytes = conv.integer(offset).multiply(BigInteger.valueOf(elementSize(pointer)));
        BigInteger target = sign > 0 ? address(pointer).add(bytes) : address(pointer).subtract(bytes);
        return conv.ofInteger(target.and(ADDRESS_MASK), pointer.typeId());
    }

    /** The size pointer arithmetic steps by: the pointee's (1 for void and functions, as gcc does). */
    long elementSize(Operand pointer) throws EvalException, AgentException {
        TypeInfo p = types.strip(pointer.typeId());
        if (p.target() == 0) {
            return 1;
        }
        TypeInfo target = types.strip(p.target());
        if (target.kind() == TypeKind.VOID || target.kind() == TypeKind.FUNCTION) {
            return 1;
        }
        long size = types.sizeOf(p.target());
        if (size == 0) {
            throw new EvalException("cannot do arithmetic on " + types.name(pointer.typeId())
                    + ": the size of " + types.name(p.target()) + " is unknown");
        }
        return size;
    }

    /** A pointer's or integer's value as an unsigned 64-bit address. */
    private BigInteger address(Operand o) throws EvalException, AgentException {
        return conv.integer(o).and(ADDRESS_MASK);
    }

    private Operand compare(Expr.BinaryOp op, int c) throws AgentException {
        return bool(switch (op) {
            case LESS -> c < 0;
            case GREATER -> c > 0;
            case LESS_EQUAL -> c <= 0;
            case GREATER_EQUAL -> c >= 0;
            case EQUAL -> c == 0;
            case NOT_EQUAL -> c != 0;
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        });
    }

    private Operand bool(boolean b) throws AgentException {
        return conv.ofBase(b ? BigInteger.ONE : BigInteger.ZERO, BaseType.INT);
    }

    private EvalException invalid(String symbol, Operand culprit) throws AgentException {
        return new EvalException("invalid operand to '" + symbol + "': a value of type " + types.name(culprit.typeId()));
    }
}
