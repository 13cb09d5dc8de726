/*
 * ArgumentParser: turns rewind's arguments into a Command. Options of `record` come before
 * PROGRAM; everything from PROGRAM on belongs to the program, untouched.
 */
package dev.rewind.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

final class ArgumentParser {
    private ArgumentParser() {
    }

    static Command parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("missing command", null);
        }
        String first = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (first) {
            case "-h", "--help", "help":
                if (rest.size() > 1) {
                    throw new UsageException("help takes at most one command", null);
                }
                if (rest.size() == 1 && !Usage.isCommand(rest.get(0))) {
                    throw new UsageException("unknown command '" + rest.get(0) + "'", null);
                }
                return new Command.Help(rest.stream().findFirst());
            case "-V", "--version", "version":
                if (!rest.isEmpty()) {
                    throw new UsageException("--version takes no arguments", null);
                }
                return new Command.Version();
            case "record":
                return record(rest);
            case "replay":
                return processCommand("replay", rest).map(t -> (Command) new Command.Replay(t.trace(), t.process()))
                        .orElse(new Command.Help(Optional.of("replay")));
            case "ps":
                return traceCommand("ps", rest).map(t -> (Command) new Command.Ps(t.trace()))
                        .orElse(new Command.Help(Optional.of("ps")));
            case "dump":
                return processCommand("dump", rest).map(t -> (Command) new Command.Dump(t.trace(), t.process()))
                        .orElse(new Command.Help(Optional.of("dump")));
            case "info":
                return processCommand("info", rest).map(t -> (Command) new Command.Info(t.trace(), t.process()))
                        .orElse(new Command.Help(Optional.of("info")));
            case "index":
                return index(rest);
            case "dap":
                return dap(rest);
            case "demo":
                if (rest.equals(List.of("-h")) || rest.equals(List.of("--help"))) {
                    return new Command.Help(Optional.of("demo"));
                }
                if (!rest.isEmpty()) {
                    throw new UsageException("demo takes no arguments", "demo");
                }
                return new Command.Demo();
            default:
                if (first.startsWith("-")) {
                    throw new UsageException("unknown option '" + first + "'", null);
                }
                throw new UsageException("unknown command '" + first + "'", null);
        }
    }

    private static Command index(List<String> args) throws UsageException {
        java.util.OptionalLong every = java.util.OptionalLong.empty();
        boolean readAll = false;
        java.util.OptionalInt process = java.util.OptionalInt.empty();
        List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-h") || a.equals("--help")) {
                return new Command.Help(Optional.of("index"));
            }
            if (a.equals("--every")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--every needs a number of events", "index");
                }
                try {
                    long n = Long.parseLong(args.get(++i));
                    if (n < 1) {
                        throw new NumberFormatException();
                    }
                    every = java.util.OptionalLong.of(n);
                } catch (NumberFormatException e) {
                    throw new UsageException("--every needs a number of events >= 1, not '" + args.get(i) + "'", "index");
                }
            } else if (a.equals("--read-all-pages")) {
                readAll = true;
            } else if (a.equals("--process") || a.startsWith("--process=")) {
                if (a.equals("--process") && i + 1 >= args.size()) {
                    throw new UsageException("--process needs a process id (rewind ps lists them)", "index");
                }
                process = java.util.OptionalInt.of(pid(a.equals("--process") ? args.get(++i)
                        : a.substring("--process=".length()), "index"));
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option '" + a + "'", "index");
            } else {
                rest.add(a);
            }
        }
        if (rest.size() > 1) {
            throw new UsageException("index takes at most one recording", "index");
        }
        return new Command.Index(every, readAll, rest.stream().findFirst(), process);
    }

    /** The process id --process names. */
    private static int pid(String value, String command) throws UsageException {
        try {
            int pid = Integer.parseInt(value);
            if (pid <= 0) {
                throw new NumberFormatException();
            }
            return pid;
        } catch (NumberFormatException e) {
            throw new UsageException("--process needs a process id, not '" + value + "'", command);
        }
    }

    /** A recording and, with --process, one process of it. */
    private record ProcessTraceArg(Optional<String> trace, java.util.OptionalInt process) {
    }

    /** [--process PID] [--] [TRACE] for replay, dump and info; empty when the user asked for help. */
    private static Optional<ProcessTraceArg> processCommand(String name, List<String> args) throws UsageException {
        java.util.OptionalInt process = java.util.OptionalInt.empty();
        List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                rest.addAll(args.subList(i, args.size()));
                break;
            }
            if (a.equals("--process") || a.startsWith("--process=")) {
                if (a.equals("--process") && i + 1 >= args.size()) {
                    throw new UsageException("--process needs a process id (rewind ps lists them)", name);
                }
                process = java.util.OptionalInt.of(pid(a.equals("--process") ? args.get(++i)
                        : a.substring("--process=".length()), name));
            } else {
                rest.add(a);
            }
        }
        java.util.OptionalInt chosen = process;
        return traceCommand(name, rest).map(t -> new ProcessTraceArg(t.trace(), chosen));
    }

    private static Command record(List<String> args) throws UsageException {
        Optional<String> output = Optional.empty();
        boolean rootOnly = false;
        List<String> noRecord = new java.util.ArrayList<>();
        long snapshots = 0;
        boolean chaos = false;
        OptionalLong seed = OptionalLong.empty();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (a.equals("-h") || a.equals("--help")) {
                return new Command.Help(Optional.of("record"));
            }
            if (a.equals("-o") || a.equals("--output")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a folder", "record");
                }
                output = Optional.of(nonEmpty(args.get(i + 1), a));
                i += 2;
            } else if (a.startsWith("--output=")) {
                output = Optional.of(nonEmpty(a.substring("--output=".length()), "--output"));
                i++;
            } else if (a.equals("--snapshots")) {
                snapshots = Command.Record.DEFAULT_SNAPSHOT_EVERY;
                i++;
            } else if (a.startsWith("--snapshots=")) {
                try {
                    snapshots = Long.parseLong(a.substring("--snapshots=".length()));
                    if (snapshots < 1) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new UsageException("--snapshots=N needs a number of events >= 1, not '"
                            + a.substring("--snapshots=".length()) + "'", "record");
                }
                i++;
            } else if (a.equals("--chaos")) {
                chaos = true;
                i++;
            } else if (a.equals("--no-children")) {
                rootOnly = true;
                i++;
            } else if (a.startsWith("--no-record=")) {
                for (String name : a.substring("--no-record=".length()).split(",", -1)) {
                    if (name.isEmpty() || name.contains("/")) {
                        throw new UsageException("--no-record=NAME,... needs executable names (no '/'), got '"
                                + a.substring("--no-record=".length()) + "'", "record");
                    }
                    noRecord.add(name);
                }
                i++;
            } else if (a.equals("--seed") || a.startsWith("--seed=")) {
                if (a.equals("--seed") && i + 1 >= args.size()) {
                    throw new UsageException("--seed needs a number", "record");
                }
                seed = OptionalLong.of(seed(a.equals("--seed") ? args.get(++i) : a.substring("--seed=".length())));
                i++;
            } else if (a.startsWith("-o") && a.length() > 2) {
                output = Optional.of(a.substring(2));
                i++;
            } else if (a.startsWith("-") && !a.equals("-")) {
                throw new UsageException("unknown option '" + a + "' for record", "record");
            } else {
                break;
            }
        }
        if (i >= args.size()) {
            throw new UsageException("record needs a program to run", "record");
        }
        if (seed.isPresent() && !chaos) {
            throw new UsageException("--seed chooses the schedule of --chaos: give --chaos too", "record");
        }
        return new Command.Record(output, args.get(i), args.subList(i + 1, args.size()), snapshots, chaos, seed,
                new Command.Children(rootOnly, noRecord));
    }

    /** A chaos seed: a decimal number 0..2^64-1. */
    private static long seed(String value) throws UsageException {
        try {
            if (value.startsWith("+")) {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed needs a number 0..18446744073709551615, not '" + value + "'", "record");
        }
    }

    /** dap [--port N | --port=N | --socket PATH | --socket=PATH] */
    private static Command dap(List<String> args) throws UsageException {
        OptionalInt port = OptionalInt.empty();
        Optional<String> socket = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-h") || a.equals("--help")) {
                return new Command.Help(Optional.of("dap"));
            } else if (a.equals("--port") || a.startsWith("--port=")) {
                if (a.equals("--port") && i + 1 >= args.size()) {
                    throw new UsageException("--port needs a number", "dap");
                }
                port = OptionalInt.of(port(a.equals("--port") ? args.get(++i) : a.substring("--port=".length())));
            } else if (a.equals("--socket") || a.startsWith("--socket=")) {
                if (a.equals("--socket") && i + 1 >= args.size()) {
                    throw new UsageException("--socket needs a path", "dap");
                }
                String path = a.equals("--socket") ? args.get(++i) : a.substring("--socket=".length());
                if (path.isEmpty() || path.indexOf('\0') >= 0) {
                    throw new UsageException("--socket needs a path, got '" + path + "'", "dap");
                }
                socket = Optional.of(path);
            } else {
                throw new UsageException("unknown argument '" + a + "' for dap", "dap");
            }
        }
        if (port.isPresent() && socket.isPresent()) {
            throw new UsageException("dap serves on --port or on --socket, not both", "dap");
        }
        return new Command.Dap(port, socket);
    }

    private static int port(String value) throws UsageException {
        try {
            int p = Integer.parseInt(value);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException("--port needs a number 0..65535, got '" + value + "'", "dap");
        }
    }

    private record TraceArg(Optional<String> trace) {
    }

    /** [--] [TRACE]; empty when the user asked for help. */
    private static Optional<TraceArg> traceCommand(String name, List<String> args) throws UsageException {
        Optional<String> trace = Optional.empty();
        boolean optionsDone = false;
        for (String a : args) {
            if (!optionsDone && a.equals("--")) {
                optionsDone = true;
            } else if (!optionsDone && (a.equals("-h") || a.equals("--help"))) {
                return Optional.empty();
            } else if (!optionsDone && a.startsWith("-") && !a.equals("-")) {
                throw new UsageException("unknown option '" + a + "' for " + name, name);
            } else if (trace.isPresent()) {
                throw new UsageException(name + " takes one trace, got '" + trace.get() + "' and '" + a + "'", name);
            } else {
                trace = Optional.of(nonEmpty(a, name));
            }
        }
        return Optional.of(new TraceArg(trace));
    }

    private static String nonEmpty(String value, String what) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException(what + " needs a non-empty value", null);
        }
        return value;
    }
}
