/*
 * MemoryChunk: bytes at an address of the recorded process: what a syscall wrote there, or the
 * literal content of part of a region at exec. The array is not copied: callers must not modify it.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.RemoteAddress;
import java.util.Arrays;
import java.util.Objects;

public record MemoryChunk(RemoteAddress address, byte[] bytes) {

    public MemoryChunk {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > 0) {
            address.plus(bytes.length - 1L); // must not wrap around the address space
        }
    }

    public int length() {
        return bytes.length;
    }

    /** First address after the chunk. */
    public RemoteAddress end() {
        return address.plus(bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoryChunk other && address.equals(other.address) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * address.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "MemoryChunk[" + address + ", " + bytes.length + " bytes]";
    }
}
