/*
 * EvaluatorTest: C semantics against a FakeProgram: names in scope order, integer promotions and
 * the usual arithmetic conversions, pointer arithmetic and comparisons, members (bit-fields too),
 * the linked list, casts to base types and struct pointers, sizeof, short-circuit logic, enums,
 * strings, registers, and one-line errors for everything that cannot be evaluated.
 */
package dev.rewind.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.values.Expansion;
import dev.rewind.core.values.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest extends EvalFixture {
    @Test
    void namesFollowScopeOrder() throws Exception {
        assertEquals("7", show("i")); // the innermost block's i, not the outer local nor the global
        assertEquals("12", show("n")); // a parameter in a register
        assertEquals("'opt' is optimized out here", error("opt + 1"));
        Evaluator e = new Evaluator(table, program);
        assertEquals("<optimized out>", e.show(" opt ", formatter).display()); // alone, as the variables view shows it
        assertEquals("8", e.show("i + 1", formatter).display());
        assertEquals("no symbol 'nosuch' in this context", error("nosuch"));
        assertEquals("no symbol 'nosuch' in this context", error("nosuch + 1"));
    }

    @Test
    void integerArithmeticFollowsC() throws Exception {
        assertEquals("8", show("i + 1"));
        assertEquals("int", type("i + 1"));
        assertEquals("20", show("i * 3 - 1"));
        assertEquals("3", show("i / 2"));
        assertEquals("-3", show("-i % 4"));
        assertEquals("division by zero", error("i / 0"));
        assertEquals("division by zero", error("i % (n - 12)"));
        assertEquals("4000000001", show("u + 1"));
        assertEquals("unsigned int", type("u + 1"));
        assertEquals("0", show("-1 < 1u")); // -1 converts to unsigned
        assertEquals("1", show("-1 < 1"));
        assertEquals("1", show("l < 0"));
        assertEquals("201", show("uc + 1")); // promoted to int, no wrap
        assertEquals("int", type("uc + 1"));
        assertEquals("-1", show("~0"));
        assertEquals("16", show("1 << 4"));
        assertEquals("1099511627776", show("1L << 40"));
        assertTrue(error("1 << 40").contains("shift count 40 is out of range for int"));
        assertEquals("-2147483648", show("0x7fffffff + 1")); // wraps as on x86-64
        assertEquals("2147483648", show("2147483647 + 1L"));
        assertEquals("-4", show("-8 >> 1"));
        assertEquals("6", show("(i & 6) | (i ^ 7)"));
        assertEquals("3999999993", show("u - i")); // int converts to unsigned int
        assertEquals("-5", show("l"));
        assertEquals("3999999995", show("u + l")); // long holds every unsigned int: signed long
        assertEquals("long", type("u + l"));
    }

    @Test
    void floatingArithmetic() throws Exception {
        assertEquals("3.5", show("7 / 2.0"));
        assertEquals("double", type("7 / 2.0"));
        assertEquals("5", show("d * 2"));
        assertEquals("1", show("d > 2"));
        assertEquals("2.5", show("(float)d"));
        assertEquals("float", type("(float)d"));
        assertEquals("2.5", show("1.5f + 1"));
        assertEquals("float", type("1.5f + 1"));
        assertEquals("inf", show("d / 0"));
        assertEquals("2", show("(int)2.9"));
        assertEquals("-2", show("(int)-2.9"));
        assertEquals("3.5", show("(double)i / 2"));
        assertEquals("2.5", show("(long double)d"));
        assertEquals("5", show("(long double)d * 2"));
    }

    @Test
    void pointersAndArrays() throws Exception {
        assertEquals("30", show("arr[2]"));
        assertEquals("40", show("*(arr + 3)"));
        assertEquals("20", show("ip[1]"));
        assertEquals("30", show("2[arr]"));
        assertEquals("2", show("&arr[2] - &arr[0]"));
        assertEquals("long", type("&arr[2] - &arr[0]"));
        assertEquals("0x1014", show("&arr[1]"));
        assertEquals("int *", type("&arr[1]"));
        assertEquals("1", show("ip + 2 == &arr[2]"));
        assertEquals("1", show("ip < &arr[4]"));
        assertEquals("1", show("nullp == 0"));
        assertEquals("0x1018", show("arr + 2"));
        assertEquals("0x1008", show("ip - 2"));
        assertTrue(show("(char *)vp + 2").startsWith("0x1002 "));
        assertEquals("0x1001", show("vp + 1")); // gcc's void * arithmetic
        assertEquals("{10, 20, 30, 40, 50}", show("arr"));
        assertEquals("cannot read memory at 0x0", error("*nullp"));
        assertEquals("cannot dereference a value of type int", error("*i"));
        assertTrue(error("*vp").startsWith("cannot dereference a void pointer"));
        assertTrue(error("&n").startsWith("cannot take the address of a value that is not in memory"));
        assertTrue(error("i[2]").contains("not an array or a pointer"));
        assertTrue(error("ip + arr").contains("invalid operands to +"), error("ip + arr"));
    }

    @Test
    void theLinkedList() throws Exception {
        assertEquals("1", show("head->value"));
        assertEquals("3", show("head->next->next->value"));
        assertEquals("2", show("(*head).next->value"));
        assertEquals("0x0", show("head->next->next->next"));
        assertEquals("cannot read memory at 0x0", error("head->next->next->next->value"));
        Value node = value("*head->next");
        assertEquals("struct node", node.typeName());
        assertTrue(node.expansion().isPresent());
        List<Value> members = formatter.children(node.expansion().get(), 0, -1);
        assertEquals("2", members.get(0).display());
        assertEquals("0x1050", members.get(1).display());
        Value pointer = value("head->next");
        Expansion.Pointee pointee = (Expansion.Pointee) pointer.expansion().orElseThrow();
        assertEquals("{value = 2, next = 0x1050}", formatter.children(pointee, 0, -1).get(0).display());
        assertEquals("0x1040", show("&head->next->value"));
        assertEquals("struct node *", type("&*head"));
    }

    @Test
    void structsUnionsAndBitfields() throws Exception {
        assertEquals("{x = 3, y = -4}", show("pt"));
        assertEquals("-1", show("pt.x + pt.y"));
        assertEquals("5", show("bits.a"));
        assertEquals("-3", show("bits.b"));
        assertEquals("unsigned int", type("bits.a"));
        assertEquals("struct point has no member named 'z'", error("pt.z"));
        assertTrue(error("head.value").contains("(use '->')"));
        assertTrue(error("pt->x").contains("(use '.')"));
        assertTrue(error("&bits.a").contains("bit-field"));
        assertTrue(error("pt + 1").contains("invalid operand"));
    }

    @Test
    void casts() throws Exception {
        assertEquals("44 ','", show("(unsigned char)300"));
        assertEquals("65 'A'", show("(char)65"));
        assertEquals("1", show("((struct node *)0x1030)->value"));
        assertEquals("struct node *", type("(struct node *)vp"));
        assertEquals("2", show("((node_t *)head)->next->value"));
        assertEquals("4144", show("(long)head"));
        assertEquals("true", show("(_Bool)5"));
        assertEquals("6", show("(i) - 1")); // i is a variable, so this is no cast
        assertEquals("3", show("tail->value"));
        assertTrue(error("(struct nosuch *)vp").startsWith("unknown type 'struct nosuch'"));
        assertTrue(error("(nosuch_t *)vp").startsWith("unknown type 'nosuch_t'"));
        assertTrue(error("(node_t)pt").startsWith("cannot convert to node_t"), error("(node_t)pt"));
        assertTrue(error("(int)pt").startsWith("cannot convert a value of type struct point"));
        assertTrue(error("(int *)d").contains("cannot convert a floating value"));
    }

    @Test
    void sizeofTypesAndExpressions() throws Exception {
        assertEquals("4", show("sizeof(int)"));
        assertEquals("unsigned long", type("sizeof(int)"));
        assertEquals("4", show("sizeof i"));
        assertEquals("20", show("sizeof(arr)"));
        assertEquals("5", show("sizeof arr / sizeof arr[0]"));
        assertEquals("16", show("sizeof(struct node)"));
        assertEquals("16", show("sizeof(node_t)"));
        assertEquals("8", show("sizeof(node_t *)"));
        assertEquals("4", show("sizeof(*nullp)")); // not evaluated, so not read
        assertEquals("16", show("sizeof(long double)"));
        assertEquals("2", show("sizeof(short)"));
        assertEquals("1", show("sizeof(char)"));
    }

    @Test
    void logicShortCircuitsAndConditionals() throws Exception {
        assertEquals("1", show("i == 7 && head->value == 1"));
        assertEquals("0", show("nullp && *nullp")); // *nullp is never read
        assertEquals("1", show("i || *nullp"));
        assertEquals("0", show("!i"));
        assertEquals("1", show("!nullp"));
        assertEquals("100", show("i > 5 ? 100 : 200"));
        assertEquals("-1", show("nullp ? *nullp : -1"));
        assertEquals("1", show("i ? 1 : 2.5"));
        assertEquals("double", type("i ? 1 : 2.5"));
        assertEquals("1", show("1 < 2 == 1"));
    }

    @Test
    void enumsCharsAndStrings() throws Exception {
        assertEquals("GREEN", show("c"));
        assertEquals("1", show("c == GREEN"));
        assertEquals("BLUE", show("BLUE"));
        assertEquals("7", show("BLUE + 1"));
        assertEquals("114 'r'", show("name[0]"));
        assertEquals("101 'e'", show("greeting[1]"));
        assertTrue(show("greeting").endsWith("\"rewind\""));
        assertEquals("98", show("'a' + 1"));
        assertEquals("\"hi\"", show("\"hi\""));
        assertEquals("char [3]", type("\"hi\""));
        assertEquals("3", show("sizeof(\"hi\")"));
        assertEquals("105 'i'", show("\"hi\"[1]"));
    }

    @Test
    void registersAndRefusals() throws Exception {
        assertEquals("0x401136", show("$pc"));
        assertEquals("42", show("$rax"));
        assertEquals("no register named '$xyz'", error("$xyz"));
        assertEquals("no function 'helper' in the program", error("helper(1)"));
        assertTrue(error("i = 3").contains("never changes the replay"));
    }

    @Test
    void conditionsAreTestedAsC() throws Exception {
        Evaluator e = new Evaluator(table, program);
        assertTrue(e.isTrue(e.evaluate("i == 7")));
        assertTrue(!e.isTrue(e.evaluate("i % 3 == 0")));
        assertTrue(e.isTrue(e.evaluate("head")));
        EvalException notScalar = org.junit.jupiter.api.Assertions.assertThrows(EvalException.class,
                () -> e.isTrue(e.evaluate("pt")));
        assertEquals("a value of type struct point cannot be used as a condition", notScalar.getMessage());
    }
}
