/*
 * AgentErrorCode: why an agent request failed: the ERROR codes of protocol/wire-protocol.md, plus
 * the failures the client itself detects (no agent binary, agent gone, garbled frame).
 */
package dev.rewind.core.agent;

public enum AgentErrorCode {
    MALFORMED_MESSAGE(1),
    VERSION_MISMATCH(2),
    CANNOT_START_PROGRAM(3),
    TRACE_UNREADABLE(4),
    REPLAY_DIVERGED(5),
    UNSUPPORTED(6),
    TRACE_IO(7),
    AGENT_INTERNAL(8),
    /** No such file, symbol, frame or type, or the process is gone. */
    NOT_AVAILABLE(9),
    /** An ERROR code this client does not know. */
    UNKNOWN(-1),
    /** The agent binary is missing or could not be started. */
    AGENT_NOT_FOUND(-2),
    /** The agent did not connect in time, or exited or closed the connection unexpectedly. */
    AGENT_LOST(-3),
    /** The agent sent a frame that breaks the protocol. */
    PROTOCOL_ERROR(-4);

    /** The code on the wire; negative for failures detected by the client. */
    public final int wireCode;

    AgentErrorCode(int wireCode) {
        this.wireCode = wireCode;
    }

    public static AgentErrorCode ofWire(int code) {
        for (AgentErrorCode c : values()) {
            if (c.wireCode == code && code > 0) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
