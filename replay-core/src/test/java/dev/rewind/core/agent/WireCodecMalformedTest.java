/*
 * WireCodecMalformedTest: frames that break the protocol (bad length, reserved bits, unknown type,
 * bytes left over or missing, bad strings) are refused, never half-decoded.
 */
package dev.rewind.core.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WireCodecMalformedTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static String refusal(String frameHex) {
        return assertThrows(WireFormatException.class, () -> WireCodec.decode(hex(frameHex))).getMessage();
    }

    @Test
    void refusesBadLengths() {
        assertTrue(refusal("020000000800").startsWith("bad frame length 2"));
        assertTrue(refusal("0100000108000000").startsWith("bad frame length 16777217"));
        assertTrue(refusal("0500000008000000").startsWith("frame length field says 5"));
        assertTrue(refusal("0400").contains("no length field"));
    }

    @Test
    void refusesReservedBitsAndUnknownTypes() {
        assertTrue(refusal("0400000008000100").startsWith("reserved field is 1"));
        assertEquals("unknown message type 99", refusal("0400000063000000"));
        assertEquals("unknown message type 0", refusal("0400000000000000"));
    }

    @Test
    void refusesLeftoverAndMissingBytes() {
        assertEquals("1 bytes left over in frame of type 8", refusal("050000000800000000"));
        assertEquals("frame of type 5 is too short for its fields", refusal("06000000050000009210"));
        assertTrue(refusal("0b00000004000000ff000000414243").contains("runs past the frame"));
        assertTrue(refusal("0c000000040000000200000041").contains("frame length field says 12"));
    }

    @Test
    void refusesBadValues() {
        // FINISHED with complete = 2
        assertEquals("boolean field holds 2", refusal("1500000006000000000100000c000000000000000200000000"));
        // REPLAY with invalid UTF-8
        assertEquals("string is not valid UTF-8", refusal("0a0000000400000002000000c328"));
        // STARTED with pid 0
        assertTrue(refusal("080000000500000000000000").startsWith("frame of type 5 is invalid"));
        // RECORD whose argv count cannot fit
        assertTrue(refusal("1000000003000000000000000000000010000000").contains("string list of 16 entries"));
    }

    @Test
    void refusesBadSessionValues() {
        // RESUME with mode 7
        assertTrue(refusal("050000000a00000007").contains("unknown resume mode 7"));
        // OUTPUT on stream 3
        assertTrue(refusal("0c00000021000000030300000068690a").contains("unknown output stream 3"));
        // MEMORY whose length runs past the frame
        assertTrue(refusal("0c000000240000000500000001020304").contains("runs past the frame"));
        // TYPE_INFO of kind 1 (signed int) with one member entry
        assertTrue(refusal("4100000028000000010000000103000000696e7404000000000000000000000000000000000000000100000001000000780300000000000000000000000000000000000000").contains("type 1 of kind SIGNED_INT has 1 entries"));
        // ADDRESSES claiming 2 addresses with room for 1
        assertTrue(refusal("140000002500000000000000020000003611400000000000").contains("address list of 2 entries"));
    }

    @Test
    void readStopsCleanlyOnlyAtAFrameBoundary() throws Exception {
        assertNull(WireCodec.read(new ByteArrayInputStream(new byte[0])));
        byte[] bye = hex("0400000008000000");
        assertThrows(EOFException.class, () -> WireCodec.read(new ByteArrayInputStream(Arrays.copyOf(bye, 2))));
        assertThrows(EOFException.class, () -> WireCodec.read(new ByteArrayInputStream(Arrays.copyOf(bye, 6))));
        assertThrows(WireFormatException.class, () -> WireCodec.read(new ByteArrayInputStream(hex("ffffffff"))));
    }
}
