/*
 * ChaosSeed: the seed of a recording made with `rewind record --chaos`, read from the trace
 * folder's `chaos` file ("seed N\n", written by native/src/record_sched.c). Nothing replays from
 * it: it says how to record the same schedule again (`--chaos --seed N`). The file is hostile
 * input like every trace file: read without following links, at most 64 bytes, and a text that
 * is not "seed" and a decimal number below 2^64 is a TraceException, never a guess.
 */
package dev.rewind.core.trace;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class ChaosSeed {
    static final String FILE = "chaos";
    private static final int MAX_BYTES = 64;
    private static final Pattern TEXT = Pattern.compile("seed ([0-9]{1,20})\n");
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(64);

    private ChaosSeed() {
    }

    /**
     * The seed as the decimal text `--seed` takes (an unsigned 64-bit number), or empty when the
     * recording was not made in chaos mode.
     */
    public static Optional<String> read(Path traceDir) throws TraceException {
        Optional<byte[]> bytes = TraceFileOpener.readSmallIfPresent(traceDir, FILE, MAX_BYTES);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(new String(bytes.get(), StandardCharsets.US_ASCII));
        if (!m.matches() || new BigInteger(m.group(1)).compareTo(LIMIT) >= 0) {
            throw new TraceException("trace file " + FILE + " in " + traceDir
                    + " is corrupted (expected \"seed N\" with N below 2^64)");
        }
        return Optional.of(new BigInteger(m.group(1)).toString());
    }
}
