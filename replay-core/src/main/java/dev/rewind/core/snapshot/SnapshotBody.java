/*
 * SnapshotBody: the agent's snapshot body (docs/snapshot-format.md) split into what the page store
 * keeps apart: the page contents of the address space (the chunks of its EXEC image, whole 4 KiB
 * pages) and everything else, kept literally. Joining the parts gives the body back byte for byte.
 * An incremental body (a tracked snapshot) also has chunks that hold no bytes, only the note "as in
 * the base snapshot": they split into BasePage parts, which the store completes from the base's
 * manifest (the chunk's length is given without the note, so the completed body is a plain one).
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
    // 5: the System V segments section, region flag 32; 4: the threads section;
    // 3: region flag 16 (read-only descriptor)
    static final int VERSION = 5;
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

    /** One page of an incremental body that is the base snapshot's page at that address. */
    public record BasePage(long address) implements Part {
    }

    /** The flag of a chunk length whose pages are the base snapshot's (IMAGE_CHUNK_AS_BASE). */
    static final int AS_BASE = 0x80000000;

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

    private static int version(byte[] body) {
        return ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
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
            if (version(body) >= 2) { // shared files: kept literally
                int files = in.getInt();
                for (int f = 0; f < files; f++) {
                    skip(in, 8 + 8 + 32 + 8);
                    int chunks = in.getInt();
                    for (int c = 0; c < chunks; c++) {
                        skip(in, 8);
                        skip(in, in.getInt());
                    }
                }
            }
            if (version(body) >= 5) { // the System V segments section: kept literally
                skip(in, in.getInt());
            }
            if (version(body) >= 4) { // the threads section: kept literally
                skip(in, in.getInt());
            }
            int imageLen = in.getInt();
            int imageLenAt = in.position() - 4;
            int imageEnd = in.position() + imageLen;
            long basePageBytes = 0;
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
                    boolean asBase = (len & AS_BASE) != 0;
                    len &= ~AS_BASE;
                    if (len % PAGE != 0 || address % PAGE != 0 || (!asBase && len > in.remaining())) {
                        throw new SnapshotException("the snapshot is damaged (a chunk of " + len + " bytes)");
                    }
                    if (asBase && (basePageBytes += len) > Integer.MAX_VALUE - (long) body.length) {
                        // the completed body must fit in one array: bounds the parts made here too
                        throw new SnapshotException("the snapshot is damaged (it names "
                                + basePageBytes / PAGE + " pages of its base)");
                    }
                    byte[] head = slice(body, literalFrom, in.position());
                    ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).putInt(head.length - 4, len);
                    parts.add(new Literal(head));
                    for (int off = 0; off < len; off += PAGE) {
                        parts.add(asBase ? new BasePage(address + off)
                                : new Page(address + off, slice(body, in.position() + off, in.position() + off + PAGE)));
                    }
                    if (!asBase) {
                        skip(in, len);
                    }
                    literalFrom = in.position();
                }
            }
            if (in.position() != imageEnd || imageEnd != body.length) {
                throw new SnapshotException("the snapshot is damaged (its image does not end where it says)");
            }
            if (basePageBytes > 0) { // the completed image is longer by the base's pages
                if (imageLen + basePageBytes > Integer.MAX_VALUE) {
                    throw new SnapshotException("the snapshot is too large (" + (imageLen + basePageBytes) + " bytes)");
                }
                byte[] first = ((Literal) parts.get(0)).bytes();
                ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).putInt(imageLenAt, (int) (imageLen + basePageBytes));
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SnapshotException("the snapshot is damaged (it ends early)");
        }
        parts.add(new Literal(slice(body, literalFrom, body.length)));
        return parts;
    }

    /** The body the parts make (all of them literals and pages). */
    public static byte[] join(List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            if (p instanceof BasePage b) {
                throw new IllegalArgumentException("the page at " + Long.toHexString(b.address()) + " is not completed");
            }
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
