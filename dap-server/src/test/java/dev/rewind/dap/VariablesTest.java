/*
 * VariablesTest: values of C types as the Variables and Globals scopes show them: integers of each
 * size and signedness, char, bool, float/double, enums by name, pointers (char * with its string),
 * arrays (expandable, paged), structs, unions, bitfields, typedefs; registers; readMemory.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariablesTest {
    @TempDir
    Path tmp;

    @Test
    void globalsOfEveryKind() throws Exception {
        try (DapTestClient client = stoppedAtAfterLoop()) {
            Map<String, Variable> g = client.scope(client.stackTrace()[0].getId(), "Globals");
            assertEquals("42", g.get("counter_global").getValue());
            assertEquals("int", g.get("counter_global").getType());
            assertTrue(g.get("greeting").getValue().matches("0x[0-9a-f]+ \"hello, rewind\""), g.get("greeting").getValue());
            assertEquals("2.5", g.get("ratio").getValue());
            assertEquals("GREEN", g.get("favourite").getValue());
            assertEquals("true", g.get("ready").getValue());
            assertEquals("97 'a'", g.get("letter").getValue());
            assertEquals("200 '\\310'", g.get("byte").getValue());
            assertEquals("-1234567890123", g.get("big").getValue());
            assertEquals("65535", g.get("small").getValue());
            assertEquals("0.25", g.get("quarter").getValue());
            assertEquals("\"rewind\"", g.get("name").getValue());
            assertEquals("{x = 3, y = -4}", g.get("origin").getValue());
            assertEquals("point_t", g.get("origin").getType());
            assertEquals("{10, 20, 30, 40, 50}", g.get("numbers").getValue());

            Map<String, Variable> bits = children(client, g.get("bits"));
            assertEquals("5", bits.get("a").getValue());
            assertEquals("-3", bits.get("b").getValue());
            assertEquals("1", bits.get("c").getValue());
            Map<String, Variable> num = children(client, g.get("num"));
            assertEquals("7", num.get("i").getValue());
            Map<String, Variable> pointee = children(client, g.get("origin_ptr"));
            Variable target = pointee.get("*origin_ptr");
            assertEquals("{x = 3, y = -4}", target.getValue());
            assertEquals("-4", children(client, target).get("y").getValue());
        }
    }

    @Test
    void largeArraysArePaged() throws Exception {
        try (DapTestClient client = stoppedAtAfterLoop()) {
            Variable big = client.scope(client.stackTrace()[0].getId(), "Globals").get("big_array");
            assertEquals(300, big.getIndexedVariables());
            VariablesArguments page = new VariablesArguments();
            page.setVariablesReference(big.getVariablesReference());
            page.setStart(100);
            page.setCount(3);
            Variable[] vs = DapTestClient.call(client.server().variables(page)).getVariables();
            assertEquals(3, vs.length);
            assertEquals("[100]", vs[0].getName());
            assertEquals("10000", vs[0].getValue());
            assertEquals("10201", vs[1].getValue());
            assertEquals("10404", vs[2].getValue());
        }
    }

    @Test
    void registersAndMemory() throws Exception {
        try (DapTestClient client = stoppedAtAfterLoop()) {
            Map<String, Variable> regs = client.scope(client.stackTrace()[0].getId(), "Registers");
            assertEquals(client.stackTrace()[0].getInstructionPointerReference(),
                    "0x" + Long.toHexString(Long.parseUnsignedLong(regs.get("rip").getValue().substring(2), 16)));
            assertTrue(regs.containsKey("rsp") && regs.containsKey("rax") && regs.containsKey("r15"));
            Variable numbers = client.scope(client.stackTrace()[0].getId(), "Globals").get("numbers");
            ReadMemoryArguments args = new ReadMemoryArguments();
            args.setMemoryReference(numbers.getMemoryReference());
            args.setCount(20);
            ReadMemoryResponse mem = DapTestClient.call(client.server().readMemory(args));
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(mem.getData())).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 1; i <= 5; i++) {
                assertEquals(10 * i, b.getInt());
            }
        }
    }

    private DapTestClient stoppedAtAfterLoop() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source("loop.c").toString(), Debuggee.line("loop.c", "AFTER_LOOP"));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        return client;
    }

    private static Map<String, Variable> children(DapTestClient client, Variable v) throws Exception {
        assertTrue(v.getVariablesReference() > 0, () -> v.getName() + " does not expand");
        Map<String, Variable> out = new LinkedHashMap<>();
        for (Variable c : client.variables(v.getVariablesReference())) {
            out.put(c.getName(), c);
        }
        return out;
    }
}
