/*
 * Instruction: one machine instruction of the replayed process, decoded by the agent (Capstone):
 * its address, bytes and AT&T-syntax text.
 */
package dev.rewind.core.session;

import dev.rewind.core.model.RemoteAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

public record Instruction(RemoteAddress address, byte[] bytes, String text) {
    public Instruction {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(text, "text");
        bytes = bytes.clone();
        if (bytes.length == 0 || bytes.length > 15) {
            throw new IllegalArgumentException("an x86-64 instruction has 1..15 bytes, got " + bytes.length);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The address just past this instruction. */
    public RemoteAddress next() {
        return address.plus(bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instruction i && address.equals(i.address) && Arrays.equals(bytes, i.bytes)
                && text.equals(i.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, text) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return address + ": " + HexFormat.of().formatHex(bytes) + " " + text;
    }
}
