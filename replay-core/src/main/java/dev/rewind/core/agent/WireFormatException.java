/*
 * WireFormatException: a frame that breaks protocol/wire-protocol.md (bad length, unknown type,
 * bytes left over or missing). The connection cannot be trusted after it.
 */
package dev.rewind.core.agent;

public final class WireFormatException extends Exception {
    public WireFormatException(String message) {
        super(message);
    }
}
