/*
 * RemoteAddress: an address in the recorded (or replayed) process's address space. It only makes
 * sense there, never in the JVM. The 64 bits are unsigned: compare with compareTo, not with <.
 */
package dev.rewind.core.model;

public record RemoteAddress(long value) implements Comparable<RemoteAddress> {
    public static final RemoteAddress NULL = new RemoteAddress(0);

    public static RemoteAddress of(long value) {
        return new RemoteAddress(value);
    }

    /** This address plus {@code bytes} (an unsigned offset); fails if it wraps past 2^64. */
    public RemoteAddress plus(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative offset " + bytes);
        }
        long sum = value + bytes;
        if (Long.compareUnsigned(sum, value) < 0) {
            throw new IllegalArgumentException("address " + this + " + " + bytes + " wraps around");
        }
        return new RemoteAddress(sum);
    }

    public boolean isPageAligned(int pageSize) {
        if (pageSize <= 0 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two, got " + pageSize);
        }
        return (value & (pageSize - 1)) == 0;
    }

    @Override
    public int compareTo(RemoteAddress other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** "0x" followed by lowercase hex digits, unsigned. */
    @Override
    public String toString() {
        return "0x" + Long.toHexString(value);
    }
}
