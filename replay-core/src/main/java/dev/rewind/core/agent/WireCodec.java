/*
 * WireCodec: encodes WireMessages into frames and decodes frames back, exactly as
 * protocol/wire-protocol.md lays them out (u32 length, u16 type, u16 zero, fields; little-endian).
 * Checked against protocol/golden/*.hex byte for byte by WireCodecGoldenTest.
 */
package dev.rewind.core.agent;

import static dev.rewind.core.agent.WireFields.bool;
import static dev.rewind.core.agent.WireFields.string;
import static dev.rewind.core.agent.WireFields.strings;

import dev.rewind.core.model.WaitStatus;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

public final class WireCodec {
    public static final int PROTOCOL_VERSION = 9;
    /** Largest value of a frame's length field. */
    public static final int MAX_FRAME_LENGTH = 16 << 20;
    private static final int TYPE_AND_ZERO = 4;

    private WireCodec() {
    }

    /** The whole frame of {@code message}, length field included. */
    public static byte[] encode(WireMessage message) {
        WireFields.Body body = new WireFields.Body();
        body.u16(message.type());
        body.u16(0);
        if (message instanceof WireMessage.Hello m) {
            body.u32(m.protocolVersion()).string(m.client());
        } else if (message instanceof WireMessage.HelloOk m) {
            body.u32(m.protocolVersion()).string(m.agentVersion());
        } else if (message instanceof WireMessage.Record m) {
            body.string(m.traceDir()).string(m.program()).strings(m.argv()).string(m.cwd()).strings(m.env())
                    .u64(m.snapshotEvery());
        } else if (message instanceof WireMessage.Replay m) {
            body.string(m.traceDir());
        } else if (message instanceof WireMessage.Started m) {
            body.u32(m.pid());
        } else if (message instanceof WireMessage.Finished m) {
            body.u32(m.waitStatus().raw()).u64(m.eventCount()).u8(m.complete() ? 1 : 0).string(m.message());
        } else if (message instanceof WireMessage.Error m) {
            body.u32(m.code()).string(m.message());
        } else if (message instanceof MotionRequest m) {
            m.encode(body);
        } else if (!(message instanceof WireMessage.Bye) && !SessionCodec.encode(message, body)
                && !SearchCodec.encode(message, body)) {
            throw new AssertionError("unhandled message " + message.getClass());
        }
        byte[] bytes = body.out.toByteArray();
        if (bytes.length > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("message too large for one frame (" + bytes.length + " bytes)");
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(bytes.length).put(bytes);
        return frame.array();
    }

    /** Decodes one whole frame (length field included); it must hold exactly one message. */
    public static WireMessage decode(byte[] frame) throws WireFormatException {
        if (frame.length < 4) {
            throw new WireFormatException("frame of " + frame.length + " bytes has no length field");
        }
        int length = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getInt();
        checkLength(length);
        if (length != frame.length - 4) {
            throw new WireFormatException("frame length field says " + length + " bytes, frame has " + (frame.length - 4));
        }
        return decodeBody(ByteBuffer.wrap(frame, 4, length).slice());
    }

    /** Reads one frame; null on end of stream before its first byte. */
    public static WireMessage read(InputStream in) throws IOException, WireFormatException {
        byte[] lengthField = new byte[4];
        int got = in.readNBytes(lengthField, 0, 4);
        if (got == 0) {
            return null;
        }
        if (got < 4) {
            throw new EOFException("connection closed inside a frame");
        }
        int length = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getInt();
        checkLength(length);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("connection closed inside a frame");
        }
        return decodeBody(ByteBuffer.wrap(body));
    }

    public static void write(OutputStream out, WireMessage message) throws IOException {
        out.write(encode(message));
        out.flush();
    }

    private static void checkLength(int length) throws WireFormatException {
        if (length < TYPE_AND_ZERO || length > MAX_FRAME_LENGTH) {
            throw new WireFormatException("bad frame length " + Integer.toUnsignedString(length)
                    + " (must be " + TYPE_AND_ZERO + ".." + MAX_FRAME_LENGTH + ")");
        }
    }

    private static WireMessage decodeBody(ByteBuffer body) throws WireFormatException {
        ByteBuffer in = body.order(ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(in.getShort());
        int zero = Short.toUnsignedInt(in.getShort());
        if (zero != 0) {
            throw new WireFormatException("reserved field is " + zero + ", not 0 (type " + type + ")");
        }
        WireMessage message;
        try {
            message = switch (type) {
                case 1 -> new WireMessage.Hello(in.getInt(), string(in));
                case 2 -> new WireMessage.HelloOk(in.getInt(), string(in));
                case 3 -> new WireMessage.Record(string(in), string(in), strings(in), string(in), strings(in),
                        in.getLong());
                case 4 -> new WireMessage.Replay(string(in));
                case 5 -> new WireMessage.Started(in.getInt());
                case 6 -> new WireMessage.Finished(new WaitStatus(in.getInt()), in.getLong(), bool(in), string(in));
                case 7 -> new WireMessage.Error(in.getInt(), string(in));
                case 8 -> new WireMessage.Bye();
                case 46, 47, 48, 49 -> MotionRequest.decode(type, in);
                default -> {
                    WireMessage session = SearchCodec.reads(type)
                            ? SearchCodec.decode(type, in) : SessionCodec.decode(type, in);
                    if (session == null) {
                        throw new WireFormatException("unknown message type " + type);
                    }
                    yield session;
                }
            };
        } catch (BufferUnderflowException e) {
            throw new WireFormatException("frame of type " + type + " is too short for its fields");
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("frame of type " + type + " is invalid: " + e.getMessage());
        }
        if (in.hasRemaining()) {
            throw new WireFormatException(in.remaining() + " bytes left over in frame of type " + type);
        }
        return message;
    }
}
