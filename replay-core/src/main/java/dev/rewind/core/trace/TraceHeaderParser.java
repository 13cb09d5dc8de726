/*
 * TraceHeaderParser: checks and decodes the bytes of a trace's `header` file, refusing a wrong
 * magic, a newer format version and a crc mismatch with the messages docs/trace-format.md fixes.
 */
package dev.rewind.core.trace;

import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

final class TraceHeaderParser {
    /** A version above this is garbage, not a future rewind. */
    private static final int PLAUSIBLE_VERSIONS = 0xffff;
    private static final int MIN_PAGE_SIZE = 4096;
    private static final int MAX_PAGE_SIZE = 1 << 30;

    private TraceHeaderParser() {
    }

    static TraceHeader parse(byte[] file) throws TraceException {
        byte[] magic = TraceFormat.HEADER_MAGIC;
        if (file.length < magic.length || !Arrays.equals(file, 0, magic.length, magic, 0, magic.length)) {
            throw new TraceException("not a rewind trace (bad header magic)");
        }
        if (file.length < TraceFormat.HEADER_FIXED_SIZE) {
            throw new TraceException("trace header is corrupted (only " + file.length + " bytes)");
        }
        ByteCursor fixed = new ByteCursor(file, "trace header");
        fixed.skip(magic.length);
        int version = fixed.u32Bits();
        if (version == 0 || Integer.compareUnsigned(version, PLAUSIBLE_VERSIONS) > 0) {
            throw new TraceException("trace header is corrupted (format version " + Integer.toUnsignedString(version) + ")");
        }
        if (Integer.compareUnsigned(version, TraceFormat.MAX_SUPPORTED_VERSION) > 0) {
            throw new TraceException("trace format version " + Integer.toUnsignedString(version)
                    + " is newer than this rewind (supports up to " + TraceFormat.MAX_SUPPORTED_VERSION + ")");
        }
        int headerLength = fixed.u32Bits();
        if (headerLength < TraceFormat.HEADER_FIXED_SIZE + 4 || headerLength > file.length) {
            throw new TraceException("trace header is corrupted (header_length "
                    + Integer.toUnsignedString(headerLength) + ", file has " + file.length + " bytes)");
        }
        CRC32C crc = new CRC32C();
        crc.update(file, 0, headerLength - 4);
        ByteCursor crcField = new ByteCursor(file, headerLength - 4, 4, "trace header crc");
        if ((int) crc.getValue() != crcField.u32Bits()) {
            throw new TraceException("trace header is corrupted (crc mismatch)");
        }
        try {
            ByteCursor in = new ByteCursor(file, 0, headerLength - 4, "trace header");
            in.skip(16);
            int pageSize = in.u32Bits();
            if (!plausiblePageSize(pageSize)) {
                throw new TraceException("trace header is corrupted (page size " + Integer.toUnsignedString(pageSize)
                        + " is not a power of two from 4096 to 1 GiB)");
            }
            in.skip(4); // reserved
            long createdNs = in.u64();
            String kernel = in.string();
            String machine = in.string();
            String cpuModel = in.string();
            String program = in.string();
            int argc = in.u32();
            List<String> argv = in.strings(argc);
            // Bytes left before the crc belong to a newer minor revision: ignored.
            return new TraceHeader(version, pageSize, createdNs, kernel, machine, cpuModel, program, argv);
        } catch (IllegalArgumentException e) {
            throw new TraceException("trace header is corrupted (" + e.getMessage() + ")", e);
        } catch (TraceException e) {
            throw e.getMessage().startsWith("trace header is corrupted") ? e
                    : new TraceException("trace header is corrupted (" + e.getMessage() + ")", e);
        }
    }

    /** A page size any machine could have had: a power of two from 4 KiB to 1 GiB. */
    static boolean plausiblePageSize(int pageSize) {
        return pageSize >= MIN_PAGE_SIZE && pageSize <= MAX_PAGE_SIZE && Integer.bitCount(pageSize) == 1;
    }
}
