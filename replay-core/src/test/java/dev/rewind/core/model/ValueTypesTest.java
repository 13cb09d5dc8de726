/*
 * ValueTypesTest: EventIndex, RemoteAddress and SignalNames check and print their values.
 */
package dev.rewind.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueTypesTest {
    @Test
    void eventIndexIsNonNegative() {
        assertThrows(IllegalArgumentException.class, () -> EventIndex.of(-1));
        assertEquals(EventIndex.of(1), EventIndex.FIRST.next());
        assertEquals("event 7", EventIndex.of(7).toString());
    }

    @Test
    void remoteAddressesAreUnsigned() {
        RemoteAddress high = RemoteAddress.of(0xffff_ffff_ff60_0000L);
        assertTrue(high.compareTo(RemoteAddress.of(0x7fff_0000_0000L)) > 0);
        assertEquals("0xffffffffff600000", high.toString());
        assertThrows(IllegalArgumentException.class, () -> high.plus(0x100_0000L));
        assertTrue(RemoteAddress.of(0x1000).isPageAligned(4096));
        assertFalse(RemoteAddress.of(0x1001).isPageAligned(4096));
    }

    @Test
    void signalNames() {
        assertEquals("SIGSEGV", SignalNames.name(11));
        assertEquals("SIGSYS", SignalNames.name(31));
        assertEquals("SIGRTMIN", SignalNames.name(34));
        assertEquals("SIGRTMIN+2", SignalNames.name(36));
        assertEquals("signal 99", SignalNames.name(99));
    }
}
