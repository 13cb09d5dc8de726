/*
 * OutputEvent: bytes a child process (which runs for real, unrecorded) wrote to the recording's
 * stdout or stderr; replay writes them out again at the same point.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * @param stream which stream
 * @param pid    the child that wrote (informational)
 * @param bytes  what it wrote; not copied, do not modify
 */
public record OutputEvent(EventIndex index, Stream stream, int pid, byte[] bytes) implements TraceEvent {

    /** The two recorded streams, with their trace codes. */
    public enum Stream {
        STDOUT(1), STDERR(2);

        public final int code;

        Stream(int code) {
            this.code = code;
        }

        public static Stream ofCode(int code) {
            for (Stream s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            throw new IllegalArgumentException("output stream must be 1 or 2, got " + code);
        }
    }

    public OutputEvent {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The bytes as text, malformed UTF-8 replaced. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputEvent e && index.equals(e.index) && stream == e.stream && pid == e.pid
                && Arrays.equals(bytes, e.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, stream, pid, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "OutputEvent[" + index + ", " + stream + ", pid " + pid + ", " + bytes.length + " bytes]";
    }
}
