/*
 * ParserTest: C precedence and associativity, literals and their types, casts told apart from
 * parenthesized expressions, and clear messages for bad syntax and for refused operators.
 */
package dev.rewind.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ParserTest {
    private static String syntaxError(String text) {
        return assertThrows(EvalException.class, () -> Parser.check(text)).getMessage();
    }

    @Test
    void precedenceAndAssociativity() throws Exception {
        Expr e = Parser.parse("a + b * c", n -> false);
        Expr.Binary add = assertInstanceOf(Expr.Binary.class, e);
        assertEquals(Expr.BinaryOp.ADD, add.op());
        assertEquals(Expr.BinaryOp.MULTIPLY, assertInstanceOf(Expr.Binary.class, add.right()).op());
        Expr.Binary sub = assertInstanceOf(Expr.Binary.class, Parser.parse("a - b - c", n -> false));
        assertInstanceOf(Expr.Binary.class, sub.left()); // (a - b) - c
        Expr.Conditional c = assertInstanceOf(Expr.Conditional.class, Parser.parse("a ? b : c ? d : e", n -> false));
        assertInstanceOf(Expr.Conditional.class, c.ifFalse()); // a ? b : (c ? d : e)
        Expr.Binary or = assertInstanceOf(Expr.Binary.class, Parser.parse("a && b || c && d", n -> false));
        assertEquals(Expr.BinaryOp.OR, or.op());
        Expr.Unary deref = assertInstanceOf(Expr.Unary.class, Parser.parse("*p->next", n -> false));
        assertInstanceOf(Expr.Member.class, deref.operand()); // *(p->next)
        Expr.Unary neg = assertInstanceOf(Expr.Unary.class, Parser.parse("-a[1]", n -> false));
        assertInstanceOf(Expr.Index.class, neg.operand());
    }

    @Test
    void tupleFieldsAfterANameAreMembersAndNumbersElsewhereStayNumbers() throws Exception {
        Expr.Member inner = assertInstanceOf(Expr.Member.class, Parser.parse("pair.1.0", n -> false));
        assertEquals("0", inner.member());
        assertEquals("1", assertInstanceOf(Expr.Member.class, inner.base()).member());
        Expr.Member call = assertInstanceOf(Expr.Member.class, Parser.parse("f(x).2", n -> false));
        assertEquals("2", call.member());
        Expr.Binary half = assertInstanceOf(Expr.Binary.class, Parser.parse("a * .5", n -> false));
        assertInstanceOf(Expr.FloatLiteral.class, half.right());
        assertInstanceOf(Expr.FloatLiteral.class, Parser.parse("0.5", n -> false));
        syntaxError("p->0");
    }

    @Test
    void literalsAndTheirTypes() throws Exception {
        assertEquals(new Expr.IntLiteral(BigInteger.valueOf(16), BaseType.INT), Parser.check("0x10"));
        assertEquals(new Expr.IntLiteral(BigInteger.valueOf(8), BaseType.INT), Parser.check("010"));
        assertEquals(new Expr.IntLiteral(BigInteger.valueOf(5), BaseType.INT), Parser.check("0b101"));
        assertEquals(BaseType.LONG, ((Expr.IntLiteral) Parser.check("2147483648")).type());
        assertEquals(BaseType.UNSIGNED_INT, ((Expr.IntLiteral) Parser.check("0xffffffff")).type());
        assertEquals(BaseType.UNSIGNED_LONG, ((Expr.IntLiteral) Parser.check("1ul")).type());
        assertEquals(BaseType.LONG_LONG, ((Expr.IntLiteral) Parser.check("1LL")).type());
        assertEquals(new Expr.FloatLiteral(1000.0, BaseType.DOUBLE), Parser.check("1e3"));
        assertEquals(new Expr.FloatLiteral(0.5, BaseType.FLOAT), Parser.check(".5f"));
        assertEquals(new Expr.IntLiteral(BigInteger.TEN, BaseType.INT), Parser.check("'\\n'"));
        assertEquals(new Expr.IntLiteral(BigInteger.valueOf(65), BaseType.INT), Parser.check("'\\x41'"));
        assertEquals(new Expr.StringLiteral("ab\0c"), Parser.check("\"ab\\0\" \"c\""));
        assertEquals("'12abc' is not a valid number (column 1)", syntaxError("12abc"));
        assertTrue(syntaxError("12lul").contains("invalid suffix"));
        assertTrue(syntaxError("99999999999999999999999").contains("too large"));
    }

    @Test
    void castsAndParenthesesAreToldApart() throws Exception {
        Expr.Cast c = assertInstanceOf(Expr.Cast.class, Parser.parse("(unsigned char)x", n -> false));
        assertEquals(new TypeSpec(new TypeSpec.Builtin(BaseType.UNSIGNED_CHAR), 0), c.type());
        Expr.Cast sp = assertInstanceOf(Expr.Cast.class, Parser.parse("(struct node *)p", n -> false));
        assertEquals("struct node *", sp.type().toString());
        assertInstanceOf(Expr.Cast.class, Parser.parse("(node_t *)p", n -> false)); // (name *) is always a type
        assertInstanceOf(Expr.Cast.class, Parser.parse("(node_t)p", n -> n.equals("node_t")));
        assertInstanceOf(Expr.Binary.class, Parser.parse("(x) - 1", n -> false));
        assertInstanceOf(Expr.Cast.class, Parser.parse("(long) -1", n -> false));
        assertInstanceOf(Expr.SizeofType.class, Parser.parse("sizeof(long double)", n -> false));
        assertInstanceOf(Expr.SizeofExpr.class, Parser.parse("sizeof(x)", n -> false));
        assertInstanceOf(Expr.SizeofType.class, Parser.parse("sizeof(x)", n -> true));
        Expr.Binary plus = assertInstanceOf(Expr.Binary.class, Parser.parse("sizeof x + 1", n -> false));
        assertInstanceOf(Expr.SizeofExpr.class, plus.left()); // (sizeof x) + 1
        assertEquals("unsigned long", ((Expr.Cast) Parser.check("(long unsigned int)x")).type().toString());
    }

    @Test
    void badSyntaxSaysWhatAndWhere() {
        assertEquals("the expression ends where a value should be", syntaxError("i =="));
        assertEquals("the expression is empty", syntaxError("  "));
        assertEquals("unexpected ')' at column 3 after the expression", syntaxError("i )"));
        assertTrue(syntaxError("(i + 1").contains("expected ')'"), syntaxError("(i + 1"));
        assertTrue(syntaxError("p->").contains("member name"));
        assertTrue(syntaxError("i # 2").contains("unexpected character '#' at column 3"));
        assertTrue(syntaxError("'ab'").contains("one character"));
        assertTrue(syntaxError("\"abc").contains("missing closing"));
        assertTrue(syntaxError("(unsigned float)x").contains("is not a type"));
        assertTrue(syntaxError("int").contains("cannot be used as a value"));
    }

    @Test
    void writesAreRefused() {
        for (String text : new String[] {"i = 3", "i += 1", "i++", "--i", "a[0] <<= 2"}) {
            String message = syntaxError(text);
            assertTrue(message.contains("not allowed") && message.contains("never changes the replay"), message);
        }
        assertTrue(syntaxError("a, b").contains("comma operator"));
    }

    @Test
    void callsParseSoThatEvaluationCanRefuseThem() throws Exception {
        Expr.Call call = assertInstanceOf(Expr.Call.class, Parser.check("f(1, x + 2)"));
        assertEquals(new Expr.Name("f"), call.function());
    }
}
