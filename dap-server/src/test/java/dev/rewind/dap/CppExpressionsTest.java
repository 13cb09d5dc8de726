/*
 * CppExpressionsTest: C++ expressions in evaluate through the real server on a recorded program
 * (native/tests/debuggee/cppexpr.cpp, built with g++ at -O0), each checked against what gdb 13.1
 * prints for the same expression on the same binary (quoted beside it): members through this and
 * implicitly in a method (a local shadowing one), enumerators of a class scope, casts between
 * classes moving by a non-primary base's offset (static_cast and C casts; reinterpret_cast does
 * not move), references standing for their referents, sizeof of a class, libstdc++ containers
 * sized and indexed through their formatters at -O0 and -O2 (where gdb has nothing to call); and every form not
 * supported yet refused with a reason, never answered with a wrong value.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CppExpressionsTest {
    private static final String PROGRAM = "cppexpr.cpp";

    @TempDir
    Path tmp;

    @Test
    void insideAMethodNamesAreLocalsThenMembersOfThis() throws Exception {
        try (DapTestClient client = stoppedAt("-O0", "METHOD_STOP")) {
            int frame = client.stackTrace()[0].getId();
            assertEquals("42", result(client, "this->balance", frame)); // gdb: $1 = 42
            assertEquals("42", result(client, "balance", frame)); // gdb: $2 = 42
            assertEquals("100", result(client, "kind", frame)); // the local shadows the member; gdb: $3 = 100
            assertEquals("5", result(client, "tag", frame)); // from the first base; gdb: $4 = 5
            assertEquals("9", result(client, "entries", frame)); // from the second base; gdb: $5 = 9
            assertEquals("44", result(client, "balance + amount", frame));
            assertEquals("1", result(client, "this->kind == Account::Savings", frame));
            // a nested enum is named with its class; gdb: whatis this->kind → type = Account::Kind
            assertEquals("Account::Kind", client.evaluate("this->kind", frame, "watch").getType());
            assertEquals("40", result(client, "sizeof(Account)", frame)); // gdb: $9 = 40
            assertEquals("84", result(client, "this->twice()", frame)); // gdb: $11 = 84
            // a static member of this class by its bare name; gdb: p opened → $1 = 1
            assertEquals("1", result(client, "opened", frame));
            // gdb: $10 = 84 (this->twice()); called by its bare name this would be missing: refused
            assertRefused(client, "twice()", frame, "twice is a member function");
        }
    }

    @Test
    void classCastsMoveByTheBaseOffsetAndReferencesAreTheirReferents() throws Exception {
        try (DapTestClient client = stoppedAt("-O0", "MAIN_STOP")) {
            int frame = client.stackTrace()[0].getId();
            String account = result(client, "&account", frame);
            String logged = result(client, "logged", frame);
            assertEquals(Long.decode(account) + 16, Long.decode(logged), "Logged is the base at offset 16");
            // gdb: p (Account*)logged = (Account *) 0x7fffffffe590, the address of account
            assertEquals(account, result(client, "(Account*)logged", frame));
            assertEquals(account, result(client, "static_cast<Account*>(logged)", frame));
            assertEquals("42", result(client, "((Account*)logged)->balance", frame)); // gdb: $20 = 42
            assertEquals("42", result(client, "static_cast<Account*>(logged)->balance", frame)); // gdb: $21 = 42
            assertEquals(logged, result(client, "(Logged*)&account", frame)); // gdb: (Logged *) 0x7fffffffe5b0
            assertEquals(account, result(client, "(Named*)&account", frame)); // the first base: no move
            assertEquals(logged, result(client, "reinterpret_cast<Account*>(logged)", frame));
            assertEquals("0x0", result(client, "(Logged*)(Account*)0", frame)); // null stays null
            assertRefused(client, "dynamic_cast<Account*>(logged)", frame, "dynamic_cast");

            assertEquals("42", result(client, "ref.balance", frame)); // gdb: $24 = 42
            assertEquals("5", result(client, "ref.tag", frame));
            assertEquals("3", result(client, "value_ref", frame)); // gdb: (int &) @0x7fffffffe58c: 3
            assertEquals("4", result(client, "value_ref + 1", frame)); // gdb: $26 = 4
            assertEquals("40", result(client, "sizeof(ref)", frame)); // gdb: $28 = 40
            assertEquals(account, result(client, "&ref", frame)); // gdb: (Account *) 0x7fffffffe590
            assertEquals("1", result(client, "ref.kind == Account::Savings", frame));
            assertEquals("2", result(client, "(int)Account::Savings", frame));
            assertEquals("1", result(client, "(int)Kind::Checking", frame));

            assertEquals("1", result(client, "Account::opened", frame)); // gdb: $30 = 1
            assertEquals("7", result(client, "bank::branch_code", frame)); // gdb: $31 = 7
            assertEquals("84", result(client, "account.twice()", frame)); // gdb: $32 = 84
            assertEquals("84", result(client, "ref.twice()", frame)); // gdb: $33 = 84
            assertEquals("85", result(client, "(&account)->twice() + 1", frame));
            assertEquals("42", result(client, "account.balance", frame), "the call ran in a copy");
            assertRefused(client, "twice()", frame, "twice is a member function");
            // the pointee is an Account: Logged::log would be the wrong function for a virtual call
            assertRefused(client, "logged->log()", frame, "virtual dispatch");
            assertRefused(client, "account.nothere()", frame, "no function Account::nothere in the program");
            assertRefused(client, "(Account&)ref", frame, "reference types");
        }
    }

    @Test
    void containersAreSizedAndIndexedThroughTheirFormattersAtO0() throws Exception {
        containersThroughFormatters("-O0");
    }

    @Test
    void containersAreSizedAndIndexedThroughTheirFormattersAtO2() throws Exception {
        containersThroughFormatters("-O2");
    }

    private void containersThroughFormatters(String optimization) throws Exception {
        try (DapTestClient client = stoppedAt(optimization, "MAIN_STOP")) {
            int frame = mainFrame(client);
            assertEquals("6", result(client, "numbers.size()", frame)); // gdb -O0: $29 = 6
            assertEquals("15", result(client, "numbers[2]", frame)); // gdb -O0: $30 = 15
            assertEquals("42", result(client, "numbers.at(5)", frame));
            assertEquals("23", result(client, "numbers[1] + numbers[2]", frame));
            assertEquals("false", result(client, "numbers.empty()", frame));
            // gdb: "Attempt to take address of value not located in memory." (no xmethod); the program prints 9
            assertEquals("9", result(client, "squares[3]", frame));
            // gdb: "Cannot evaluate function -- may be inlined"; the map holds {10, 100}
            assertEquals("100", result(client, "squares.at(10)", frame));
            assertEquals("3", result(client, "squares.size()", frame));
            assertEquals("42", result(client, "ages[\"bob\"]", frame)); // the program prints ages["bob"] = 42
            assertEquals("31", result(client, "ages.at(\"ann\")", frame));
            assertEquals("2", result(client, "ages.size()", frame));
            assertEquals(result(client, "account.balance", frame), result(client, "ref.balance", frame));
            assertRefused(client, "numbers[6]", frame, "index 6 is outside the std::vector of 6 elements");
            assertRefused(client, "numbers[-1]", frame, "outside");
            assertRefused(client, "squares[4]", frame, "the std::map has no key 4");
            assertRefused(client, "numbers.front()", frame, "not supported");
            assertEquals("end", client.continueToStop().getReason());
            assertTrue(client.stdout().contains("42 3 9 5 84 6 9 42"), client::stdout);
        }
    }

    /** The frame of main (at -O2 the stop may be in code inlined into it). */
    private static int mainFrame(DapTestClient client) throws Exception {
        for (var f : client.stackTrace()) {
            if (f.getName().equals("main")) {
                return f.getId();
            }
        }
        throw new AssertionError("no frame of main");
    }

    private DapTestClient stoppedAt(String optimization, String marker) throws Exception {
        Path program = Debuggee.compile(PROGRAM, tmp, optimization);
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source(PROGRAM).toString(), Debuggee.line(PROGRAM, "/* " + marker));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        return client;
    }

    private static String result(DapTestClient client, String expression, int frame) {
        try {
            return client.evaluate(expression, frame, "repl").getResult();
        } catch (Exception e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }

    private static void assertRefused(DapTestClient client, String expression, int frame, String reason)
            throws Exception {
        String error = client.evaluateError(expression, frame, "repl");
        assertTrue(error.contains(reason), () -> expression + ": " + error);
    }
}
