/*
 * Placed: where a value's bytes are: at an address in the replayed process, as bytes already in hand
 * (a register's or a computed value, or memory read earlier), or both.
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import java.util.Arrays;
import java.util.Optional;

public final class Placed {
    private final RemoteAddress address;
    private final byte[] bytes;

    private Placed(RemoteAddress address, byte[] bytes) {
        if (address == null && bytes == null) {
            throw new IllegalArgumentException("a value needs an address or its bytes");
        }
        this.address = address;
        this.bytes = bytes == null ? null : bytes.clone();
    }

    public static Placed inMemory(RemoteAddress address) {
        return new Placed(address, null);
    }

    public static Placed ofBytes(byte[] bytes) {
        return new Placed(null, bytes);
    }

    /** Bytes read from {@code address} (they may be fewer than the value's size if memory ended). */
    public static Placed read(RemoteAddress address, byte[] bytes) {
        return new Placed(address, bytes);
    }

    public Optional<RemoteAddress> address() {
        return Optional.ofNullable(address);
    }

    /** The part [offset, offset + length) of this value. */
    public Placed slice(long offset, long length) {
        RemoteAddress a = address == null ? null : address.plus(offset);
        byte[] b = null;
        if (bytes != null && offset <= bytes.length) {
            b = Arrays.copyOfRange(bytes, (int) offset, (int) Math.min(bytes.length, offset + length));
        }
        if (a == null && b == null) {
            b = new byte[0];
        }
        return new Placed(a, b);
    }

    /** The first {@code length} bytes (fewer if not all are readable), reading memory when needed. */
    public byte[] load(ValueSource source, int length) throws AgentException {
        if (bytes != null && (bytes.length >= length || address == null)) {
            return Arrays.copyOf(bytes, Math.min(bytes.length, length));
        }
        return source.readMemory(address, length);
    }

    /** This value with {@code length} bytes loaded, so that later slices need no reads. */
    public Placed loaded(ValueSource source, int length) throws AgentException {
        return bytes != null && bytes.length >= length ? this : new Placed(address, load(source, length));
    }
}
