/*
 * MotionRequest: the motion requests (types 46-49 of protocol/wire-protocol.md): one request runs
 * a whole forward motion in the agent (a line step over or into, a step out, an instruction step
 * over calls), or goes on with the motion that stopped live (at a user breakpoint the client's
 * conditions declined, or at the event boundary it asked to stop at). Answered by OUTPUT messages
 * and one STOPPED.
 */
package dev.rewind.core.agent;

import java.util.Objects;

/**
 * @param kind      which motion (GO_ON: the live one goes on)
 * @param saveEvent stop at this event's boundary on the way, to make a save point there (0: never)
 */
public record MotionRequest(Kind kind, long saveEvent) implements WireMessage {
    public enum Kind {
        NEXT(46), STEP_IN(46), STEP_OUT(47), NEXT_INSTRUCTION(48), GO_ON(49);

        final int wireType;

        Kind(int wireType) {
            this.wireType = wireType;
        }
    }

    public MotionRequest {
        Objects.requireNonNull(kind, "kind");
        if (saveEvent < 0) {
            throw new IllegalArgumentException("a save event is 0 (none) or an event index, got " + saveEvent);
        }
    }

    @Override
    public int type() {
        return kind.wireType;
    }

    void encode(WireFields.Body body) {
        if (kind == Kind.NEXT || kind == Kind.STEP_IN) {
            body.u8(kind == Kind.STEP_IN ? 1 : 0);
        }
        body.u64(saveEvent);
    }

    static MotionRequest decode(int type, java.nio.ByteBuffer in) throws WireFormatException {
        Kind kind = switch (type) {
            case 46 -> switch (WireFields.u8(in)) {
                case 0 -> Kind.NEXT;
                case 1 -> Kind.STEP_IN;
                default -> throw new WireFormatException("STEP_LINE into must be 0 or 1");
            };
            case 47 -> Kind.STEP_OUT;
            case 48 -> Kind.NEXT_INSTRUCTION;
            case 49 -> Kind.GO_ON;
            default -> throw new WireFormatException("not a motion request: type " + type);
        };
        return new MotionRequest(kind, in.getLong());
    }
}
