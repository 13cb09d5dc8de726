/*
 * ChaosSeedTest: the `chaos` file of a trace folder read as hostile input: absent is "no chaos",
 * the full unsigned 64-bit range reads, and anything else (garbage, a number past 2^64-1, an
 * oversized file, a link) is a TraceException naming the file.
 */
package dev.rewind.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosSeedTest {
    @TempDir
    Path trace;

    private void write(String text) throws Exception {
        Files.writeString(trace.resolve("chaos"), text);
    }

    @Test
    void absentMeansNoChaos() throws Exception {
        assertEquals(Optional.empty(), ChaosSeed.read(trace));
    }

    @Test
    void readsTheWholeUnsignedRange() throws Exception {
        write("seed 0\n");
        assertEquals(Optional.of("0"), ChaosSeed.read(trace));
        write("seed 18446744073709551615\n");
        assertEquals(Optional.of("18446744073709551615"), ChaosSeed.read(trace));
    }

    @Test
    void refusesWhatTheRecorderNeverWrites() throws Exception {
        for (String bad : new String[] {"seed 18446744073709551616\n", "seed -1\n", "seed 12", "seed x\n",
                "", "seed 1\nseed 2\n", "x".repeat(100)}) {
            write(bad);
            TraceException e = assertThrows(TraceException.class, () -> ChaosSeed.read(trace), bad);
            assertTrue(e.getMessage().contains("chaos"), e.getMessage());
        }
    }

    @Test
    void refusesALink() throws Exception {
        Path elsewhere = Files.writeString(trace.resolve("elsewhere"), "seed 1\n");
        Files.createSymbolicLink(trace.resolve("chaos"), elsewhere);
        TraceException e = assertThrows(TraceException.class, () -> ChaosSeed.read(trace));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }
}
