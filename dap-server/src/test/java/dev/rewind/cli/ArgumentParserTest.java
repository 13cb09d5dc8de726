/*
 * ArgumentParserTest: rewind's command lines parse into the right Command; everything from PROGRAM
 * on belongs to the program; bad command lines are usage errors naming the command.
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {
    @Test
    void recordTakesOptionsOnlyBeforeTheProgram() throws Exception {
        assertEquals(new Command.Record(Optional.empty(), "ls", List.of("-l", "-o", "x")),
                ArgumentParser.parse("record", "ls", "-l", "-o", "x"));
        assertEquals(new Command.Record(Optional.of("out"), "./a.out", List.of()),
                ArgumentParser.parse("record", "-o", "out", "./a.out"));
        assertEquals(new Command.Record(Optional.of("out"), "prog", List.of("--")),
                ArgumentParser.parse("record", "-oout", "--", "prog", "--"));
        assertEquals(new Command.Record(Optional.of("d"), "-weird", List.of()),
                ArgumentParser.parse("record", "--output=d", "--", "-weird"));
        assertEquals(List.of("ls", "-l"), ((Command.Record) ArgumentParser.parse("record", "ls", "-l")).argv());
        assertEquals(new Command.Record(Optional.of("d"), "prog", List.of("--snapshots"), 500),
                ArgumentParser.parse("record", "-o", "d", "--snapshots=500", "prog", "--snapshots"));
        assertEquals(Command.Record.DEFAULT_SNAPSHOT_EVERY,
                ((Command.Record) ArgumentParser.parse("record", "--snapshots", "prog")).snapshotEvery());
        assertEquals("--snapshots=N needs a number of events >= 1, not '0'",
                assertThrows(UsageException.class, () -> ArgumentParser.parse("record", "--snapshots=0", "p")).getMessage());
    }

    @Test
    void recordChaos() throws UsageException {
        assertEquals(new Command.Record(Optional.empty(), "p", List.of("--chaos"), 0, true, OptionalLong.empty()),
                ArgumentParser.parse("record", "--chaos", "p", "--chaos"));
        assertEquals(new Command.Record(Optional.empty(), "p", List.of(), 0, true, OptionalLong.of(-1L)),
                ArgumentParser.parse("record", "--seed", "18446744073709551615", "--chaos", "p"));
        assertEquals(new Command.Record(Optional.empty(), "p", List.of(), 0, true, OptionalLong.of(7)),
                ArgumentParser.parse("record", "--chaos", "--seed=7", "p"));
        assertEquals("--seed chooses the schedule of --chaos: give --chaos too",
                assertThrows(UsageException.class, () -> ArgumentParser.parse("record", "--seed", "1", "p")).getMessage());
        for (String bad : List.of("-1", "x", "", "+3", "18446744073709551616")) {
            assertTrue(assertThrows(UsageException.class,
                    () -> ArgumentParser.parse("record", "--chaos", "--seed=" + bad, "p")).getMessage()
                    .startsWith("--seed needs a number 0..18446744073709551615, not '" + bad + "'"));
        }
        assertEquals("--seed needs a number",
                assertThrows(UsageException.class, () -> ArgumentParser.parse("record", "--chaos", "--seed")).getMessage());
    }

    @Test
    void indexOptions() throws Exception {
        assertEquals(new Command.Index(java.util.OptionalLong.of(9), true, Optional.of("t")),
                ArgumentParser.parse("index", "--every", "9", "--read-all-pages", "t"));
        assertEquals(new Command.Index(java.util.OptionalLong.empty(), false, Optional.empty()),
                ArgumentParser.parse("index"));
    }

    @Test
    void recordErrors() {
        assertEquals("record needs a program to run", usage("record").getMessage());
        assertEquals("record needs a program to run", usage("record", "--").getMessage());
        assertEquals("-o needs a folder", usage("record", "-o").getMessage());
        UsageException e = usage("record", "-x", "ls");
        assertEquals("unknown option '-x' for record", e.getMessage());
        assertEquals("record", e.command());
    }

    @Test
    void dapServesStdioOrOneLoopbackPortOrOneSocket() throws Exception {
        assertEquals(new Command.Dap(OptionalInt.empty(), Optional.empty()), ArgumentParser.parse("dap"));
        assertEquals(new Command.Dap(OptionalInt.of(4711), Optional.empty()), ArgumentParser.parse("dap", "--port", "4711"));
        assertEquals(new Command.Dap(OptionalInt.of(0), Optional.empty()), ArgumentParser.parse("dap", "--port=0"));
        assertEquals(new Command.Help(Optional.of("dap")), ArgumentParser.parse("dap", "--help"));
        assertEquals("--port needs a number 0..65535, got '70000'", usage("dap", "--port", "70000").getMessage());
        assertEquals("--port needs a number", usage("dap", "--port").getMessage());
        assertEquals("unknown argument 'x' for dap", usage("dap", "x").getMessage());
        assertEquals(new Command.Dap(OptionalInt.empty(), Optional.of("/tmp/r.sock")),
                ArgumentParser.parse("dap", "--socket", "/tmp/r.sock"));
        assertEquals(new Command.Dap(OptionalInt.empty(), Optional.of("r.sock")), ArgumentParser.parse("dap", "--socket=r.sock"));
        assertEquals("--socket needs a path", usage("dap", "--socket").getMessage());
        assertEquals("dap serves on --port or on --socket, not both",
                usage("dap", "--port", "0", "--socket", "s").getMessage());
    }

    @Test
    void replayAndDumpTakeAnOptionalTrace() throws Exception {
        assertEquals(new Command.Replay(Optional.empty()), ArgumentParser.parse("replay"));
        assertEquals(new Command.Replay(Optional.of("t")), ArgumentParser.parse("replay", "t"));
        assertEquals(new Command.Dump(Optional.of("-t")), ArgumentParser.parse("dump", "--", "-t"));
        assertEquals("replay takes one trace, got 'a' and 'b'", usage("replay", "a", "b").getMessage());
        assertEquals("unknown option '-q' for dump", usage("dump", "-q").getMessage());
    }

    @Test
    void replayDumpAndInfoTakeAProcess() throws Exception {
        assertEquals(new Command.Dump(Optional.of("t"), OptionalInt.of(12)), ArgumentParser.parse("dump", "--process", "12", "t"));
        assertEquals(new Command.Dump(Optional.empty(), OptionalInt.of(12)), ArgumentParser.parse("dump", "--process=12"));
        assertEquals(new Command.Info(Optional.of("t"), OptionalInt.of(7)), ArgumentParser.parse("info", "t", "--process", "7"));
        assertEquals(new Command.Replay(Optional.of("t"), OptionalInt.of(3)), ArgumentParser.parse("replay", "--process", "3", "t"));
        assertEquals("--process needs a process id, not 't'", usage("dump", "--process", "t").getMessage());
        assertEquals("--process needs a process id, not '0'", usage("info", "--process=0").getMessage());
        assertEquals("--process needs a process id (rewind ps lists them)", usage("dump", "--process").getMessage());
        assertEquals(new Command.Index(java.util.OptionalLong.of(5), false, Optional.of("t"), OptionalInt.of(9)),
                ArgumentParser.parse("index", "--every", "5", "--process", "9", "t"));
        assertEquals(new Command.Index(java.util.OptionalLong.empty(), false, Optional.empty(), OptionalInt.of(9)),
                ArgumentParser.parse("index", "--process=9"));
        assertEquals("--process needs a process id, not 'x'", usage("index", "--process", "x").getMessage());
    }

    @Test
    void helpAndVersion() throws Exception {
        assertEquals(new Command.Help(Optional.empty()), ArgumentParser.parse("--help"));
        assertEquals(new Command.Help(Optional.of("record")), ArgumentParser.parse("help", "record"));
        assertEquals(new Command.Help(Optional.of("record")), ArgumentParser.parse("record", "--help"));
        assertEquals(new Command.Help(Optional.of("dump")), ArgumentParser.parse("dump", "-h"));
        assertEquals(new Command.Help(Optional.of("demo")), ArgumentParser.parse("demo", "--help"));
        assertEquals(new Command.Version(), ArgumentParser.parse("--version"));
        assertEquals(new Command.Demo(), ArgumentParser.parse("demo"));
    }

    @Test
    void unknownCommandsAndOptions() {
        assertEquals("missing command", usage().getMessage());
        assertEquals("unknown command 'frob'", usage("frob").getMessage());
        assertEquals("unknown option '--frob'", usage("--frob").getMessage());
        assertEquals("demo takes no arguments", usage("demo", "x").getMessage());
        assertEquals("unknown command 'frob'", usage("help", "frob").getMessage());
    }

    private static UsageException usage(String... args) {
        return assertThrows(UsageException.class, () -> ArgumentParser.parse(args));
    }
}
