/*
 * SnapshotBody: the agent's snapshot body (docs/snapshot-format.md) split into what the page store
 * keeps apart: the page contents of the address space (the chunks of its EXEC image, whole 4 KiB
 * pages) and everything else, kept literally. Joining the parts gives the body back byte for byte.
 * Only the structure is read here: the fields themselves are the agent's business.
 */
package dev.rewind.core.snapshot;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

public final class SnapshotBody {
    public static final int PAGE = 4096;
    static final int MAGIC = 0x4e535752;
    static final int VERSION = 1;
    private static final int REGS = 27 * 8;
    private static final int FPREGS = 512;
    private static final int ACTIONS = 64 * 32;

    /** A run of the body: literal bytes, or one page of memory at an address. */
    public sealed interface Part {
    }

    public record Literal(byte[] bytes) implements Part {
    }

    public record Page(long address, byte[] bytes) implements Part {
    }

    private SnapshotBody() {
    }

    /** The event the snapshot stands before. */
    public static long event(byte[] body) throws SnapshotException {
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (in.getInt() != MAGIC) {
                throw new SnapshotException("not a snapshot (bad magic)");
            }
            int version = in.getInt();
            if (version > VERSION) {
                throw new SnapshotException("the snapshot was written by a newer rewind (format " + version + ")");
            }
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw new SnapshotException("the snapshot is damaged (too short)");
        }
    }

    /** The body as literal runs and pages, in order. */
    public static List<Part> split(byte[] body) throws SnapshotException {
        event(body);
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        List<Part> parts = new ArrayList<>();
        int literalFrom = 0;
        try {
            skip(in, 4 + 4 + 8 * 6);
            skip(in, in.getInt()); // xstate
            skip(in, ACTIONS + 8 + 4 + 8);
            int names = in.getInt();
            for (int i = 0; i < names * 2; i++) {
                skip(in, in.getInt());
            }
            int imageLen = in.getInt();
            int imageEnd = in.position() + imageLen;
            skip(in, in.getInt()); // path
            skip(in, REGS + FPREGS + 16);
            int regions = in.getInt();
            for (int r = 0; r < regions; r++) {
                skip(in, 8 + 8 + 4 + 4);
                skip(in, in.getInt()); // name
                if (in.get() != 0) {
                    skip(in, 32 + 8); // blob hash, offset
                }
                int chunks = in.getInt();
                for (int c = 0; c < chunks; c++) {
                    long address = in.getLong();
                    int len = in.getInt();
                    if (len < 0 || len % PAGE != 0 || address % PAGE != 0 || len > in.remaining()) {
                        throw new SnapshotException("the snapshot is damaged (a chunk of " + len + " bytes)");
                    }
                    parts.add(new Literal(slice(body, literalFrom, in.position())));
                    for (int off = 0; off < len; off += PAGE) {
                        parts.add(new Page(address + off, slice(body, in.position() + off, in.position() + off + PAGE)));
                    }
                    skip(in, len);
                    literalFrom = in.position();
                }
            }
            if (in.position() != imageEnd || imageEnd != body.length) {
                throw new SnapshotException("the snapshot is damaged (its image does not end where it says)");
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SnapshotException("the snapshot is damaged (it ends early)");
        }
        parts.add(new Literal(slice(body, literalFrom, body.length)));
        return parts;
    }

    /** The body the parts make. */
    public static byte[] join(List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            out.writeBytes(p instanceof Literal l ? l.bytes() : ((Page) p).bytes());
        }
        return out.toByteArray();
    }

    private static void skip(ByteBuffer in, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative length");
        }
        in.position(in.position() + n); // IllegalArgumentException past the end
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }
}
