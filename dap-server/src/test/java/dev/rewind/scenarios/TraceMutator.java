package dev.rewind.scenarios;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The trace fuzzer's mutations (TraceFuzzTest): each damages a copy of a real recording in one way,
 * chosen with a seeded Random, and says what it did. Damage leaves the checksums as they are, so a
 * reader must refuse it (or, cut short, replay up to the cut); forged mutations recompute them, as
 * an attacker would, so only the readers' bounds and checks stand between them and the replay.
 */
enum TraceMutator {
    FLIP_BITS(false), TRUNCATE(false), INSERT_BYTES(false), DELETE_BYTES(false), SPECIAL_FILE(false),
    LINKED_BLOBS_FOLDER(false), FORGED_HEADER_FIELD(false), FORGED_BLOCK_FIELD(false), FORGED_EVENT_BYTES(true);

    /** The forged event payload may say anything a recording could: the replay may then differ. */
    final boolean mayChangeTheReplay;

    TraceMutator(boolean mayChangeTheReplay) {
        this.mayChangeTheReplay = mayChangeTheReplay;
    }

    /** Values a forged length or count takes: edges, and a random one. */
    private static int extreme(Random rnd) {
        int[] edges = {0, 1, -1, 0x7fffffff, 0x80000000, 0x3fffffff, 0xfffffff0, 4096, 65536};
        return rnd.nextInt(4) == 0 ? rnd.nextInt() : edges[rnd.nextInt(edges.length)];
    }

    /** Mutates the trace at {@code trace} and returns what was done, for a failure message. */
    String apply(Path trace, Random rnd) throws IOException {
        List<String> files = HostileTraces.files(trace);
        String file = files.get(rnd.nextInt(files.size()));
        Path path = trace.resolve(file);
        byte[] bytes = Files.readAllBytes(path);
        switch (this) {
            case FLIP_BITS -> {
                int flips = 1 + rnd.nextInt(8);
                StringBuilder at = new StringBuilder();
                for (int i = 0; i < flips && bytes.length > 0; i++) {
                    int off = rnd.nextInt(bytes.length);
                    bytes[off] ^= (byte) (1 << rnd.nextInt(8));
                    at.append(' ').append(off);
                }
                Files.write(path, bytes);
                return "flipped bits of " + file + " at" + at;
            }
            case TRUNCATE -> {
                int keep = bytes.length == 0 ? 0 : rnd.nextInt(bytes.length);
                Files.write(path, Arrays.copyOf(bytes, keep));
                return "cut " + file + " to " + keep + " of " + bytes.length + " bytes";
            }
            case INSERT_BYTES -> {
                int at = rnd.nextInt(bytes.length + 1);
                byte[] extra = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(extra);
                byte[] out = new byte[bytes.length + extra.length];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
                Files.write(path, out);
                return "inserted " + extra.length + " bytes into " + file + " at " + at;
            }
            case DELETE_BYTES -> {
                int at = bytes.length == 0 ? 0 : rnd.nextInt(bytes.length);
                int n = Math.min(bytes.length - at, 1 + rnd.nextInt(16));
                byte[] out = new byte[bytes.length - n];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(bytes, at + n, out, at, bytes.length - at - n);
                Files.write(path, out);
                return "deleted " + n + " bytes of " + file + " at " + at;
            }
            case SPECIAL_FILE -> {
                HostileTraces.Special kind = HostileTraces.Special.values()[rnd.nextInt(HostileTraces.Special.values().length)];
                kind.replace(path);
                return "replaced " + file + " by " + kind;
            }
            case LINKED_BLOBS_FOLDER -> {
                Path real = trace.resolveSibling(trace.getFileName() + "-real-blobs");
                Files.move(trace.resolve("blobs"), real);
                Files.createSymbolicLink(trace.resolve("blobs"), real);
                return "replaced blobs/ by a link to a copy";
            }
            case FORGED_HEADER_FIELD -> {
                return forgeHeaderField(trace.resolve("header"), rnd);
            }
            case FORGED_BLOCK_FIELD -> {
                return forgeBlockField(trace.resolve("events"), rnd);
            }
            case FORGED_EVENT_BYTES -> {
                return forgeEventBytes(trace.resolve("events"), rnd);
            }
        }
        throw new AssertionError(this);
    }

    /** A u32 of the header (past the magic) set to an extreme value, the crc made right. */
    private static String forgeHeaderField(Path header, Random rnd) throws IOException {
        byte[] h = Files.readAllBytes(header);
        ByteBuffer bb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        int length = bb.getInt(12);
        int at = 8 + rnd.nextInt(length - 4 - 8 - 3);
        int value = extreme(rnd);
        bb.putInt(at, value);
        if (at + 4 <= 12 || at >= 16) { // header_length itself left forged: the crc is looked for elsewhere
            bb.putInt(length - 4, TraceFiles.crc32c(h, 0, length - 4));
        }
        Files.write(header, h);
        return "forged header u32 at " + at + " = " + Integer.toUnsignedString(value);
    }

    /** A field of a block header (lengths, count, first event) set to an extreme value, its crc made right. */
    private static String forgeBlockField(Path events, Random rnd) throws IOException {
        byte[] bytes = Files.readAllBytes(events);
        List<TraceFiles.Block> blocks = TraceFiles.blocks(bytes);
        TraceFiles.Block b = blocks.get(rnd.nextInt(blocks.size()));
        int[] fields = {4, 8, 12, 16, 20};
        int at = b.offset() + fields[rnd.nextInt(fields.length)];
        int value = extreme(rnd);
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(at, value);
        bb.putInt(b.offset() + 28, TraceFiles.crc32c(bytes, b.offset(), 28));
        Files.write(events, bytes);
        return "forged block field at " + at + " = " + Integer.toUnsignedString(value);
    }

    /** Bytes of a block's decompressed events changed (a u32 set or bits flipped), the block re-encoded with right crcs. */
    private static String forgeEventBytes(Path events, Random rnd) throws IOException {
        byte[] bytes = Files.readAllBytes(events);
        List<TraceFiles.Block> blocks = TraceFiles.blocks(bytes);
        TraceFiles.Block b = blocks.get(rnd.nextInt(blocks.size()));
        byte[] raw = TraceFiles.decompress(bytes, b);
        if (raw.length < 4) {
            return "forged nothing (block too small)";
        }
        int at = rnd.nextInt(raw.length - 3);
        String what;
        if (rnd.nextBoolean()) {
            int value = extreme(rnd);
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
            what = "u32 = " + Integer.toUnsignedString(value);
        } else {
            raw[at] ^= (byte) (1 << rnd.nextInt(8));
            what = "a bit flipped";
        }
        Files.write(events, TraceFiles.replaceBlock(bytes, b, raw));
        return "forged event bytes of block at " + b.offset() + ", offset " + at + ": " + what;
    }
}
