/*
 * LineAddresses: the code addresses where a source line begins (one per function instance or
 * inlined copy), and the line they really belong to: the asked line, or the next one with code.
 */
package dev.rewind.core.session;

import dev.rewind.core.model.RemoteAddress;
import java.util.List;

/** @param actualLine the line the addresses belong to; 0 when the request was not about a line */
public record LineAddresses(int actualLine, List<RemoteAddress> addresses) {
    public LineAddresses {
        if (actualLine < 0) {
            throw new IllegalArgumentException("line must be >= 0, got " + actualLine);
        }
        addresses = List.copyOf(addresses);
    }
}
