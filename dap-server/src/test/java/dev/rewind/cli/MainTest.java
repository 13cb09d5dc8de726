/*
 * MainTest: the command line end to end, without an agent: usage errors exit 2 with usage on
 * stderr, user errors are one line (never a stack trace), help and version go to stdout.
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.trace.TraceStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("PATH", "/usr/bin:/bin"),
                List.of("PATH=/usr/bin:/bin"), tmp, new TraceStore(tmp.resolve("store")));
        return Main.run(args, ctx);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageErrorsGoToStderrWithStatus2() {
        assertEquals(2, run("frob"));
        assertTrue(err().startsWith("rewind: unknown command 'frob'\nusage: rewind <command>"), err());
        assertEquals("", out());
    }

    @Test
    void commandUsageErrorsShowThatCommandsUsage() {
        assertEquals(2, run("record", "--bogus", "ls"));
        assertTrue(err().startsWith("rewind: unknown option '--bogus' for record\nusage: rewind record"), err());
    }

    @Test
    void helpAndVersionGoToStdout() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("record [-o DIR] [--snapshots[=N]] [--chaos [--seed N]] [--] PROGRAM [ARGS...]"), out());
        assertEquals(0, run("--version"));
        assertTrue(out().contains("rewind "));
        assertEquals("", err());
    }

    @Test
    void programErrorsAreOneLine() {
        assertEquals(127, run("record", "no-such-program-xyz"));
        assertEquals("rewind: cannot run 'no-such-program-xyz': No such file or directory\n", err());
    }

    @Test
    void outputFolderMustBeNewOrEmpty() throws Exception {
        Files.writeString(tmp.resolve("taken"), "x");
        assertEquals(125, run("record", "-o", "taken", "/bin/true"));
        assertTrue(err().contains("'taken' already exists and is not an empty folder")
                || err().contains("cannot find rewind-agent"), err());
        assertEquals(1, err().lines().count());
    }

    @Test
    void traceErrorsAreOneLineWithStatus125() throws Exception {
        assertEquals(125, run("replay"));
        assertTrue(err().startsWith("rewind: no recordings yet in "), err());
        err.reset();
        assertEquals(125, run("dump", "missing"));
        assertEquals("rewind: no trace at missing\n", err());
        err.reset();
        Files.createDirectories(tmp.resolve("junk"));
        Files.writeString(tmp.resolve("junk/header"), "RWNDTRC\0garbage garbage garbage garbage");
        assertEquals(125, run("replay", tmp.resolve("junk").toString()));
        assertTrue(err().startsWith("rewind: trace header is corrupted"), err());
        assertEquals(1, err().lines().count());
        assertFalse(err().contains("Exception"));
    }

    @Test
    void indexAndInfoRefuseBadInputWithOneLine() throws Exception {
        assertEquals(2, run("index", "--every", "0"));
        assertTrue(err().contains("--every needs a number of events >= 1"), err());
        err.reset();
        assertEquals(2, run("index", "--every"));
        assertTrue(err().contains("--every needs a number of events"), err());
        err.reset();
        assertEquals(2, run("index", "--frob", "x"));
        assertTrue(err().contains("unknown option '--frob'"), err());
        err.reset();
        assertEquals(0, run("index", "--help"));
        assertTrue(out().contains("usage: rewind index [--every N] [--read-all-pages] [--process PID] [TRACE]"), out());
        // not a recording: one line, status 125
        java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        for (String command : new String[] {"index", "info"}) {
            err.reset();
            assertEquals(125, run(command, tmp.resolve("empty").toString()), command);
            assertEquals(1, err().strip().lines().count(), err());
            assertTrue(err().startsWith("rewind: "), err());
        }
    }
}
