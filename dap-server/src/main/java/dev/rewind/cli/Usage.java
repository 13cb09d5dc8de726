/*
 * Usage: the help texts of rewind and of each command.
 */
package dev.rewind.cli;

import java.util.Map;
import java.util.Optional;

final class Usage {
    static final String GENERAL = String.join("\n",
            "usage: rewind <command> [arguments]",
            "",
            "Record a Linux x86-64 program once, then replay it exactly, as often as you like.",
            "",
            "commands:",
            "  record [-o DIR] [--snapshots[=N]] [--chaos [--seed N]] [--] PROGRAM [ARGS...]  run PROGRAM and record it",
            "  replay [--process PID] [TRACE]          replay a recording (default: latest)",
            "  ps [TRACE]                              list a recording's processes",
            "  dump [--process PID] [TRACE]            print a recording as JSON lines",
            "  index [--every N] [TRACE]               write snapshots into a recording (every N events)",
            "  info [--process PID] [TRACE]            describe a recording and its snapshots as JSON",
            "  dap [--port N | --socket PATH]          serve the Debug Adapter Protocol (stdio, 127.0.0.1:N, socket)",
            "  demo                                    record a small program, replay it twice, compare",
            "",
            "options:",
            "  -h, --help       show this help (rewind COMMAND --help for one command)",
            "  --version        show the version",
            "",
            "Recordings made without -o go to $XDG_DATA_HOME/rewind/traces (by default",
            "~/.local/share/rewind/traces); `latest` names the newest. TRACE is a folder or such a name.",
            "",
            "exit status: the program's own (128+N when killed by signal N); 125 when rewind fails;",
            "126 when PROGRAM cannot be executed; 127 when it is not found; 2 for a usage error.",
            "");

    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("index", String.join("\n",
                    "usage: rewind index [--every N] [--read-all-pages] [TRACE]",
                    "",
                    "Replays a recording (default: latest) once and writes a snapshot every N events",
                    "(default: a tenth of the recording) into it, each storing only the memory pages no",
                    "earlier snapshot had. Debugging sessions then open at any moment from the nearest one.",
                    "Where the kernel can track written pages (Linux 6.7: userfaultfd write-protection and",
                    "PAGEMAP_SCAN), each snapshot reads only the pages written since the one before;",
                    "--read-all-pages reads and hashes every page of every snapshot instead.",
                    "")),
            Map.entry("info", String.join("\n",
                    "usage: rewind info [--process PID] [TRACE]",
                    "",
                    "Prints what a recording (default: latest) holds as JSON: events, whether it is",
                    "complete, its snapshots and segments, and the bytes the snapshots take.",
                    "",
                    "  --process PID      describe that process of it (rewind ps lists them), not the program",
                    "")),
            Map.entry("record", String.join("\n",
                    "usage: rewind record [-o DIR] [--snapshots[=N]] [--chaos [--seed N]] [--no-children]",
                    "                     [--no-record=NAME,...] [--] PROGRAM [ARGS...]",
                    "",
                    "Runs PROGRAM (searched in PATH when it has no '/') with ARGS, the current folder and",
                    "environment, and records it. The program reads and writes the terminal as usual;",
                    "rewind adds nothing to its output and exits with its exit status.",
                    "",
                    "  -o, --output DIR   write the recording to DIR (new or empty) instead of a new folder",
                    "                     of the trace store",
                    "  --snapshots[=N]    take a snapshot of the program about every N events (default",
                    "                     10000) while recording, as `rewind index` would afterwards",
                    "  --chaos            schedule the program's threads at random (priorities, switch",
                    "                     points, time slices), so races a fair schedule hides show up;",
                    "                     the seed is printed on stderr",
                    "  --seed N           the seed for --chaos (0..2^64-1): the same seed gives the same",
                    "                     schedule to threads that meet only at syscalls",
                    "  --no-children      record the program only: its children run for real, seen",
                    "                     through their effects (default: forked children are recorded",
                    "                     too, each as a process of the recording: rewind ps)",
                    "  --no-record=NAME,...  a recorded process that executes one of these programs",
                    "                     (by file name, e.g. cc1,ld) runs for real from there",
                    "")),
            Map.entry("replay", String.join("\n",
                    "usage: rewind replay [--process PID] [TRACE]",
                    "",
                    "Replays a recording (default: latest): the program runs again, fed every input from",
                    "the recording, so it prints what it printed then and exits as it exited then.",
                    "Every recorded process of it replays, and their output comes in the recorded order.",
                    "",
                    "  --process PID      replay that process alone (rewind ps lists them): what the",
                    "                     others did to it comes from the recording",
                    "")),
            Map.entry("ps", String.join("\n",
                    "usage: rewind ps [TRACE]",
                    "",
                    "Lists the processes of a recording (default: latest), the program first: pid, parent",
                    "pid, how it ended (exit N, signal N, or - when the recording ended first), its",
                    "events and the command line it last ran.",
                    "")),
            Map.entry("dump", String.join("\n",
                    "usage: rewind dump [--process PID] [TRACE]",
                    "",
                    "Prints a recording (default: latest) as JSON lines: the header, one line per event,",
                    "and an end line with the event count and whether the recording is complete.",
                    "",
                    "  --process PID      print that process's events (rewind ps lists them), not the program's",
                    "")),
            Map.entry("dap", String.join("\n",
                    "usage: rewind dap [--port N | --socket PATH]",
                    "",
                    "Serves the Debug Adapter Protocol for an editor: on stdin/stdout; with --port on",
                    "127.0.0.1:N only, for one client (N = 0 picks a free port, printed on stderr); with",
                    "--socket on a Unix socket at PATH (mode 0600, removed at exit), for one client.",
                    "On a port or a socket only this user is served: connections of other users are",
                    "refused (a line on stderr says so) and the server goes on listening.",
                    "Launch arguments: {\"program\", \"args\", \"cwd\", \"env\"} records the program, then",
                    "debugs the replay; {\"trace\": DIR} debugs an existing recording; \"stopOnEntry\".",
                    "")),
            Map.entry("demo", String.join("\n",
                    "usage: rewind demo",
                    "",
                    "Records a small program whose output changes on every run, replays it twice and",
                    "shows that both replays print exactly what the recording printed.",
                    "")));

    private Usage() {
    }

    static boolean isCommand(String name) {
        return COMMANDS.containsKey(name);
    }

    /** The help for {@code command}, or the general help. */
    static String text(Optional<String> command) {
        return command.map(COMMANDS::get).orElse(GENERAL);
    }
}
