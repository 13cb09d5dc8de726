/*
 * Parser: a C expression's tokens to an Expr tree, by recursive descent with C's precedence and
 * associativity. Casts and sizeof(type) need to know which names are types: base type words and
 * struct/union/enum are, `(name *)` is, and for `(name)` the caller's predicate decides (the
 * evaluator asks the program's typedefs; a syntax check alone may answer "yes" to everything).
 * Assignments, increments and the comma operator are refused: evaluation never changes the replay.
 * Depth is bounded (MAX_DEPTH): every nesting (parentheses, unary operators, casts, indexes) and every
 * operator of a chain (`a+b+c...`, `a[1][2]...`) counts one level, so the tree's depth never exceeds
 * the bound and neither this parser nor the evaluator's recursion over the tree can run out of stack.
 */
package dev.rewind.core.eval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

public final class Parser {
    private static final Set<String> ASSIGNMENTS = Set.of("=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
            "<<=", ">>=");
    private static final Set<String> QUALIFIERS = Set.of("const", "volatile", "restrict");
    private static final Set<String> NAMED_CASTS = Set.of("static_cast", "reinterpret_cast", "const_cast",
            "dynamic_cast");

    /** The deepest syntax tree accepted: far beyond real expressions, far below the stack's limit. */
    public static final int MAX_DEPTH = 256;

    private final List<Token> tokens;
    private final Predicate<String> isTypedefName;
    private int pos;
    /** Levels of the tree above the node being parsed; never above MAX_DEPTH. */
    private int depth;

    private Parser(List<Token> tokens, Predicate<String> isTypedefName) {
        this.tokens = tokens;
        this.isTypedefName = isTypedefName;
    }

    /** Parses {@code text}; {@code isTypedefName} says whether a lone name in parentheses is a type. */
    public static Expr parse(String text, Predicate<String> isTypedefName) throws EvalException {
        if (text == null || text.isBlank()) {
            throw new EvalException("the expression is empty");
        }
        Parser p = new Parser(Lexer.tokens(text), isTypedefName);
        Expr e = p.expression();
        Token t = p.peek();
        if (t.kind() != Token.Kind.END) {
            throw p.unexpected(t, "after the expression");
        }
        return e;
    }

    /** Checks the syntax only: every parenthesized name may be a type. */
    public static Expr check(String text) throws EvalException {
        return parse(text, name -> true);
    }

    private Expr expression() throws EvalException {
        int outer = descend();
        Expr e = conditional();
        depth = outer;
        return e;
    }

    /** One level deeper at the current token; refused past MAX_DEPTH. Returns the depth before. */
    private int descend() throws EvalException {
        if (depth >= MAX_DEPTH) {
            throw new EvalException("expression nested too deeply (limit " + MAX_DEPTH + ") at column "
                    + peek().column());
        }
        return depth++;
    }

    private Expr conditional() throws EvalException {
        Expr condition = binary(1);
        if (!peek().is("?")) {
            return condition;
        }
        int outer = descend(); // a chain a ? b : c ? d : ... nests one level per '?'
        pos++;
        Expr ifTrue = expression();
        expect(":", "in the conditional expression");
        Expr ifFalse = conditional();
        depth = outer;
        return new Expr.Conditional(condition, ifTrue, ifFalse);
    }

    /** Left-associative binary operators of at least {@code minPrecedence}. */
    private Expr binary(int minPrecedence) throws EvalException {
        int outer = depth;
        Expr left = cast();
        while (true) {
            Token t = peek();
            Expr.BinaryOp op = t.kind() == Token.Kind.PUNCTUATOR ? Expr.BinaryOp.ofSymbol(t.text()) : null;
            if (op == null || op.precedence < minPrecedence) {
                depth = outer;
                return left;
            }
            descend(); // the chain grows the tree one level per operator
            pos++;
            Expr right = binary(op.precedence + 1);
            left = new Expr.Binary(op, left, right);
        }
    }

    private Expr cast() throws EvalException {
        if (peek().is("(") && isCastAhead()) {
            int outer = descend();
            pos++;
            TypeSpec type = typeName();
            expect(")", "after the type of the cast");
            Expr cast = new Expr.Cast(type, cast());
            depth = outer;
            return cast;
        }
        return unary();
    }

    private Expr unary() throws EvalException {
        Token t = peek();
        if (t.is("++") || t.is("--")) {
            throw refused(t);
        }
        if (t.kind() == Token.Kind.PUNCTUATOR) {
            Expr.UnaryOp op = switch (t.text()) {
                case "-" -> Expr.UnaryOp.NEGATE;
                case "+" -> Expr.UnaryOp.PLUS;
                case "!" -> Expr.UnaryOp.NOT;
                case "~" -> Expr.UnaryOp.COMPLEMENT;
                case "*" -> Expr.UnaryOp.DEREFERENCE;
                case "&" -> Expr.UnaryOp.ADDRESS_OF;
                default -> null;
            };
            if (op != null) {
                int outer = descend();
                pos++;
                Expr unary = new Expr.Unary(op, cast());
                depth = outer;
                return unary;
            }
        }
        if (t.isWord("sizeof")) {
            int outer = descend();
            Expr sizeof = sizeof();
            depth = outer;
            return sizeof;
        }
        return postfix(primary());
    }

    /** At sizeof: of a type in parentheses, or of an expression. */
    private Expr sizeof() throws EvalException {
        pos++;
        if (peek().is("(") && isTypeAhead(pos + 1, false)) {
            pos++;
            TypeSpec type = typeName();
            expect(")", "after the type in sizeof");
            return new Expr.SizeofType(type);
        }
        return new Expr.SizeofExpr(unary());
    }

    private Expr postfix(Expr base) throws EvalException {
        int outer = depth;
        Expr e = base;
        while (true) {
            Token t = peek();
            if (t.is("[") || t.is(".") || t.is("->") || t.is("(")) {
                descend(); // a chain of postfix operators grows the tree one level per operator
            }
            if (t.is("[")) {
                pos++;
                Expr index = expression();
                expect("]", "after the index");
                e = new Expr.Index(e, index);
            } else if (t.is(".") || t.is("->")) {
                pos++;
                Token name = next();
                boolean field = name.kind() == Token.Kind.INTEGER && t.is("."); // a tuple's: pair.0
                if (name.kind() != Token.Kind.IDENTIFIER && !field) {
                    throw unexpected(name, "where a member name should follow " + t.text());
                }
                e = new Expr.Member(e, name.text(), t.is("->"));
            } else if (t.is("(")) {
                e = new Expr.Call(e, arguments());
            } else if (t.is("++") || t.is("--")) {
                throw refused(t);
            } else {
                depth = outer;
                return e;
            }
        }
    }

    /** A call's arguments, at '(': each a full expression, separated by commas. */
    private java.util.List<Expr> arguments() throws EvalException {
        pos++;
        java.util.List<Expr> args = new java.util.ArrayList<>();
        if (peek().is(")")) {
            pos++;
            return args;
        }
        while (true) {
            args.add(expression());
            Token t = next();
            if (t.is(")")) {
                return args;
            }
            if (!t.is(",")) {
                throw unexpected(t, "in the arguments of the call");
            }
        }
    }

    private Expr primary() throws EvalException {
        Token t = next();
        switch (t.kind()) {
            case IDENTIFIER:
                if (BaseType.WORDS.contains(t.text()) || TypeSpec.Tagged.KEYWORDS.contains(t.text())) {
                    throw new EvalException("a type ('" + t.text() + "') cannot be used as a value (column "
                            + t.column() + ")");
                }
                if (NAMED_CASTS.contains(t.text()) && peek().is("<")) {
                    return namedCast(t.text());
                }
                return new Expr.Name(qualified(t.text()));
            case REGISTER:
                return new Expr.Register(t.text());
            case INTEGER:
                return Literals.integer(t.text(), t.column());
            case FLOATING:
                return Literals.floating(t.text(), t.column());
            case CHAR:
                return new Expr.IntLiteral(BigInteger.valueOf((byte) t.text().charAt(0)), BaseType.INT);
            case STRING: {
                StringBuilder s = new StringBuilder(t.text());
                while (peek().kind() == Token.Kind.STRING) {
                    s.append(next().text()); // "a" "b" is "ab"
                }
                return new Expr.StringLiteral(s.toString());
            }
            default:
                if (t.is("(")) {
                    Expr inner = expression();
                    expect(")", "to close the parenthesis at column " + t.column());
                    return inner;
                }
                if (t.is("++") || t.is("--")) {
                    throw refused(t);
                }
                throw unexpected(t, "where a value should be");
        }
    }

    /** After a name: the rest of a C++ qualified name (`Shape::kind`, `ns::inner::x`), whole. */
    private String qualified(String first) throws EvalException {
        StringBuilder name = new StringBuilder(first);
        while (peek().is("::")) {
            pos++;
            Token part = next();
            if (part.kind() != Token.Kind.IDENTIFIER) {
                throw unexpected(part, "where a name should follow '::'");
            }
            name.append("::").append(part.text());
        }
        return name.toString();
    }

    /** After static_cast (or another named cast), at '<': the type, then the operand in parentheses. */
    private Expr namedCast(String keyword) throws EvalException {
        int outer = descend();
        pos++;
        TypeSpec type = typeName();
        expect(">", "after the type of " + keyword);
        expect("(", "after " + keyword + "<...>");
        Expr operand = expression();
        expect(")", "after the operand of " + keyword);
        depth = outer;
        return new Expr.NamedCast(keyword, type, operand);
    }

    /** The index after the qualified name starting at {@code at} (a lone name: at + 1). */
    private int afterQualified(int at) {
        int i = at + 1;
        while (tokens.get(i).is("::") && tokens.get(i + 1).kind() == Token.Kind.IDENTIFIER) {
            i += 2;
        }
        return i;
    }

    /** At '(': a cast follows when a type is ahead, and for a lone name, something castable after it. */
    private boolean isCastAhead() {
        return isTypeAhead(pos + 1, true);
    }

    private boolean isTypeAhead(int at, boolean cast) {
        Token first = tokens.get(at);
        if (first.kind() != Token.Kind.IDENTIFIER) {
            return false;
        }
        String w = first.text();
        if (BaseType.WORDS.contains(w) || TypeSpec.Tagged.KEYWORDS.contains(w) || QUALIFIERS.contains(w)) {
            return true;
        }
        int i = afterQualified(at);
        if ((tokens.get(i).is("&") || tokens.get(i).is("&&")) && tokens.get(i + 1).is(")")) {
            return true; // (name &) cannot be an expression: a cast to a reference type
        }
        if (tokens.get(i).is("*")) {
            while (tokens.get(i).is("*") || QUALIFIERS.contains(tokens.get(i).text())) {
                i++;
            }
            return tokens.get(i).is(")"); // (name *) cannot be an expression
        }
        if (!tokens.get(i).is(")")) {
            return false;
        }
        String name = i == at + 1 ? w : qualifiedText(at, i);
        return (!cast || startsOperand(tokens.get(i + 1))) && isTypedefName.test(name);
    }

    private String qualifiedText(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(tokens.get(i).text());
        }
        return b.toString();
    }

    private static boolean startsOperand(Token t) {
        return switch (t.kind()) {
            case IDENTIFIER, REGISTER, INTEGER, FLOATING, CHAR, STRING -> true;
            case PUNCTUATOR -> Set.of("(", "-", "+", "!", "~", "*", "&").contains(t.text());
            case END -> false;
        };
    }

    /** Qualifiers, a base type / tag / typedef name, qualifiers, then '*'s. */
    private TypeSpec typeName() throws EvalException {
        skipQualifiers();
        Token t = peek();
        TypeSpec.Base base;
        if (t.kind() == Token.Kind.IDENTIFIER && TypeSpec.Tagged.KEYWORDS.contains(t.text())) {
            pos++;
            Token tag = next();
            if (tag.kind() != Token.Kind.IDENTIFIER) {
                throw unexpected(tag, "where the " + t.text() + " tag should be");
            }
            base = new TypeSpec.Tagged(t.text(), tag.text());
        } else if (t.kind() == Token.Kind.IDENTIFIER && BaseType.WORDS.contains(t.text())) {
            List<String> words = new ArrayList<>();
            while (peek().kind() == Token.Kind.IDENTIFIER && (BaseType.WORDS.contains(peek().text())
                    || QUALIFIERS.contains(peek().text()))) {
                words.add(next().text());
            }
            words.removeIf(QUALIFIERS::contains);
            base = new TypeSpec.Builtin(BaseType.of(words));
        } else if (t.kind() == Token.Kind.IDENTIFIER) {
            pos++;
            base = new TypeSpec.Named(qualified(t.text()));
        } else {
            throw unexpected(t, "where a type should be");
        }
        skipQualifiers();
        int pointers = 0;
        while (peek().is("*")) {
            pos++;
            pointers++;
            skipQualifiers();
        }
        if (peek().is("&") || peek().is("&&")) {
            throw new EvalException("casts to reference types are not supported: cast to a pointer and"
                    + " dereference it (column " + peek().column() + ")");
        }
        if (peek().is("(") || peek().is("[")) {
            throw new EvalException("only base, struct, union, enum and typedef types and pointers to them can be"
                    + " written in a cast or sizeof (column " + peek().column() + ")");
        }
        return new TypeSpec(base, pointers);
    }

    private void skipQualifiers() {
        while (peek().kind() == Token.Kind.IDENTIFIER && QUALIFIERS.contains(peek().text())) {
            pos++;
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    private void expect(String punctuator, String where) throws EvalException {
        Token t = next();
        if (!t.is(punctuator)) {
            throw unexpected(t, "(expected '" + punctuator + "' " + where + ")");
        }
    }

    private EvalException unexpected(Token t, String where) {
        if (t.kind() == Token.Kind.PUNCTUATOR && ASSIGNMENTS.contains(t.text())) {
            return refused(t);
        }
        if (t.is(",")) {
            return new EvalException("the comma operator is not supported (column " + t.column() + ")");
        }
        if (t.kind() == Token.Kind.END) {
            return new EvalException("the expression ends " + where);
        }
        return new EvalException("unexpected " + t.describe() + " at column " + t.column() + " " + where);
    }

    private static EvalException refused(Token t) {
        return new EvalException("'" + t.text() + "' is not allowed: evaluating an expression never changes the replay");
    }
}
