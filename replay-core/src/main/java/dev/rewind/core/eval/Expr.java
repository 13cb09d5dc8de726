/*
 * Expr: the syntax tree of a C expression (the subset the evaluator knows): names, registers,
 * literals, member access, indexing, calls (refused when evaluated), unary and binary operators,
 * the conditional operator, casts and sizeof; of C++: names qualified by a class or namespace
 * (`Shape::kind`, kept whole in Name) and the named casts (static_cast<T>(e) ...).
 */
package dev.rewind.core.eval;

import java.math.BigInteger;
import java.util.Objects;

public sealed interface Expr {
    enum UnaryOp {
        NEGATE("-"), PLUS("+"), NOT("!"), COMPLEMENT("~"), DEREFERENCE("*"), ADDRESS_OF("&");

        public final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    /** Binary operators with their C precedence (higher binds tighter). */
    enum BinaryOp {
        MULTIPLY("*", 10), DIVIDE("/", 10), REMAINDER("%", 10),
        ADD("+", 9), SUBTRACT("-", 9),
        SHIFT_LEFT("<<", 8), SHIFT_RIGHT(">>", 8),
        LESS("<", 7), GREATER(">", 7), LESS_EQUAL("<=", 7), GREATER_EQUAL(">=", 7),
        EQUAL("==", 6), NOT_EQUAL("!=", 6),
        BIT_AND("&", 5), BIT_XOR("^", 4), BIT_OR("|", 3),
        AND("&&", 2), OR("||", 1);

        public final String symbol;
        public final int precedence;

        BinaryOp(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        static BinaryOp ofSymbol(String symbol) {
            for (BinaryOp op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }

        boolean isComparison() {
            return precedence == 7 || precedence == 6;
        }
    }

    record Name(String name) implements Expr {
        public Name {
            Objects.requireNonNull(name, "name");
        }
    }

    record Register(String name) implements Expr {
        public Register {
            Objects.requireNonNull(name, "name");
        }
    }

    record IntLiteral(BigInteger value, BaseType type) implements Expr {
        public IntLiteral {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(type, "type");
        }
    }

    record FloatLiteral(double value, BaseType type) implements Expr {
        public FloatLiteral {
            Objects.requireNonNull(type, "type");
        }
    }

    /** @param text the bytes of the literal, one char per byte, without the terminating NUL */
    record StringLiteral(String text) implements Expr {
        public StringLiteral {
            Objects.requireNonNull(text, "text");
        }
    }

    record Member(Expr base, String member, boolean arrow) implements Expr {
        public Member {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(member, "member");
        }
    }

    record Index(Expr base, Expr index) implements Expr {
        public Index {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(index, "index");
        }
    }

    record Call(Expr function, java.util.List<Expr> arguments) implements Expr {
        public Call {
            Objects.requireNonNull(function, "function");
            arguments = java.util.List.copyOf(arguments);
        }
    }

    record Unary(UnaryOp op, Expr operand) implements Expr {
        public Unary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(operand, "operand");
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
        public Binary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    record Conditional(Expr condition, Expr ifTrue, Expr ifFalse) implements Expr {
        public Conditional {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(ifTrue, "ifTrue");
            Objects.requireNonNull(ifFalse, "ifFalse");
        }
    }

    record Cast(TypeSpec type, Expr operand) implements Expr {
        public Cast {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** @param keyword static_cast, reinterpret_cast, const_cast or dynamic_cast */
    record NamedCast(String keyword, TypeSpec type, Expr operand) implements Expr {
        public NamedCast {
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(operand, "operand");
        }
    }

    record SizeofExpr(Expr operand) implements Expr {
        public SizeofExpr {
            Objects.requireNonNull(operand, "operand");
        }
    }

    record SizeofType(TypeSpec type) implements Expr {
        public SizeofType {
            Objects.requireNonNull(type, "type");
        }
    }
}
