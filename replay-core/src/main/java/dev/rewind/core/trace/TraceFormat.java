/*
 * TraceFormat: the constants of the on-disk trace format, as docs/trace-format.md describes it.
 * Any change to the bytes bumps FORMAT_VERSION here, in native/src/trace_format.h and in that file.
 */
package dev.rewind.core.trace;

import java.nio.charset.StandardCharsets;

public final class TraceFormat {
    /** The version this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 5;
    public static final int MAX_SUPPORTED_VERSION = FORMAT_VERSION;

    public static final String HEADER_FILE = "header";
    public static final String EVENTS_FILE = "events";
    public static final String BLOBS_DIR = "blobs";

    /** "RWNDTRC\0". */
    static final byte[] HEADER_MAGIC = "RWNDTRC\0".getBytes(StandardCharsets.US_ASCII);
    /** Bytes before the first string of the header (magic .. created_ns). */
    static final int HEADER_FIXED_SIZE = 32;
    /** A header larger than this is refused as corrupted (it holds a few strings and argv). */
    static final int HEADER_MAX_SIZE = 16 << 20;

    /** "RWBK". */
    static final byte[] BLOCK_MAGIC = "RWBK".getBytes(StandardCharsets.US_ASCII);
    static final int BLOCK_HEADER_SIZE = 32;
    /** Sanity bounds on a block: refuse rather than allocate absurd buffers. */
    static final int BLOCK_MAX_COMPRESSED = 1 << 30;
    static final int BLOCK_MAX_RAW = 1 << 30;
    /** The smallest event: u32 body_length and a u8 kind. A block's count is checked against it. */
    static final int EVENT_MIN_SIZE = 5;

    /** Event kinds (the u8 after an event's body_length). */
    static final int KIND_EXEC = 1;
    static final int KIND_SYSCALL = 2;
    static final int KIND_SIGNAL = 3;
    static final int KIND_RDTSC = 4;
    static final int KIND_OUTPUT = 5;
    static final int KIND_EXIT = 6;
    static final int KIND_STOP = 7;
    static final int KIND_THREAD = 8;
    static final int KIND_SYSCALL_ENTER = 9;
    static final int KIND_PREEMPT = 10;

    /** Where a SIGNAL event's signal was delivered (its u8 after signo). */
    static final int SIGNAL_AFTER_EVENT = 0;
    static final int SIGNAL_FAULT = 1;
    static final int SIGNAL_IN_CODE = 2;

    /** struct user_regs_struct has 27 u64 fields; FXSAVE is 512 bytes; siginfo_t 128. */
    static final int GENERAL_REGISTER_COUNT = 27;
    static final int FPREGS_SIZE = 512;
    static final int SIGINFO_SIZE = 128;
    static final int HASH_SIZE = 32;

    private TraceFormat() {
    }
}
