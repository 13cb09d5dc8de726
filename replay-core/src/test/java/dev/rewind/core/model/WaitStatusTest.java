/*
 * WaitStatusTest: the waitpid encoding is decoded as glibc's macros do, and maps to shell statuses.
 */
package dev.rewind.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WaitStatusTest {
    @Test
    void exitedProcess() {
        WaitStatus s = new WaitStatus(256);
        assertTrue(s.isExited());
        assertFalse(s.isSignaled());
        assertEquals(1, s.exitCode());
        assertEquals(1, s.shellStatus());
        assertEquals(WaitStatus.exited(1), s);
        assertEquals("exited with status 1", s.toString());
        assertEquals(0, WaitStatus.exited(0).shellStatus());
        assertEquals(255, WaitStatus.exited(255).shellStatus());
    }

    @Test
    void killedProcess() {
        WaitStatus s = new WaitStatus(11 | 0x80);
        assertTrue(s.isSignaled());
        assertFalse(s.isExited());
        assertEquals(11, s.termSignal());
        assertTrue(s.coreDumped());
        assertEquals(139, s.shellStatus());
        assertEquals("killed by SIGSEGV (core dumped)", s.toString());
        assertEquals(130, WaitStatus.killed(2).shellStatus());
    }

    @Test
    void refusesImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> WaitStatus.exited(256));
        assertThrows(IllegalArgumentException.class, () -> WaitStatus.killed(0));
    }
}
