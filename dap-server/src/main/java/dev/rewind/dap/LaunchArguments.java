/*
 * LaunchArguments: the launch request's arguments, checked: either "trace" (debug an existing
 * recording) or "program" with optional "args", "cwd" and "env" (record it first), plus
 * "stopOnEntry" and "start" (the moment to open at: "end", or an event number; empty: the program's
 * start), and "workers" (how many segments of an indexed recording backward searches replay at
 * once; empty: one per core; 1: none in parallel), and "process" (with "trace": the pid of the
 * recorded process to debug, as `rewind ps` lists them; empty: the recorded program itself).
 * Anything malformed is refused with a message
 * naming the argument, and so is a NUL character in any path, argument or variable.
 */
package dev.rewind.dap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

public record LaunchArguments(Optional<String> trace, Optional<String> program, List<String> args, Optional<String> cwd,
                              Map<String, String> env, boolean stopOnEntry, Optional<Start> start,
                              OptionalInt workers, OptionalInt process) {
    /** Where the session opens: the end of the recording, or the boundary of an event. */
    public record Start(boolean end, long event) {
        public static final Start END = new Start(true, -1);

        public static Start event(long event) {
            if (event < 0) {
                throw new IllegalArgumentException("event must be >= 0, got " + event);
            }
            return new Start(false, event);
        }
    }

    public LaunchArguments {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(program, "program");
        args = List.copyOf(args);
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(process, "process");
        env = Map.copyOf(env);
        if (trace.isPresent() == program.isPresent()) {
            throw new IllegalArgumentException("exactly one of trace and program");
        }
    }

    public LaunchArguments(Optional<String> trace, Optional<String> program, List<String> args, Optional<String> cwd,
                           Map<String, String> env, boolean stopOnEntry, Optional<Start> start, OptionalInt workers) {
        this(trace, program, args, cwd, env, stopOnEntry, start, workers, OptionalInt.empty());
    }

    public static LaunchArguments parse(Map<String, Object> raw) throws DapException {
        if (raw == null) {
            throw bad("launch needs arguments: {\"program\": ...} or {\"trace\": ...}");
        }
        Optional<String> trace = string(raw, "trace");
        Optional<String> program = string(raw, "program");
        if (trace.isPresent() && program.isPresent()) {
            throw bad("launch takes either \"program\" (to record it) or \"trace\" (an existing recording), not both");
        }
        if (trace.isEmpty() && program.isEmpty()) {
            throw bad("launch needs \"program\" (to record it) or \"trace\" (an existing recording)");
        }
        List<String> args = new ArrayList<>();
        Object a = raw.get("args");
        if (a != null) {
            if (!(a instanceof List<?> list)) {
                throw bad("\"args\" must be an array of strings");
            }
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw bad("\"args\" must be an array of strings, found " + describe(o));
                }
                args.add(noNul(s, "argument " + args.size() + " in \"args\""));
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        Object e = raw.get("env");
        if (e != null) {
            if (!(e instanceof Map<?, ?> map)) {
                throw bad("\"env\" must be an object of strings");
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (name.isEmpty() || name.contains("=")) {
                    throw bad("\"env\" has a bad variable name '" + name + "'");
                }
                if (!(entry.getValue() instanceof String v)) {
                    throw bad("\"env\"." + name + " must be a string, found " + describe(entry.getValue()));
                }
                env.put(noNul(name, "the name of an \"env\" variable"), noNul(v, "the value of \"env\"." + name));
            }
        }
        Object stop = raw.getOrDefault("stopOnEntry", Boolean.FALSE);
        if (!(stop instanceof Boolean stopOnEntry)) {
            throw bad("\"stopOnEntry\" must be true or false, found " + describe(stop));
        }
        if (trace.isPresent() && (a != null || e != null || raw.get("cwd") != null)) {
            throw bad("\"args\", \"cwd\" and \"env\" apply to \"program\"; a trace replays as it was recorded");
        }
        OptionalInt process = process(raw.get("process"));
        if (process.isPresent() && trace.isEmpty()) {
            throw bad("\"process\" chooses a process of a recording: it applies to \"trace\"");
        }
        return new LaunchArguments(trace, program, args, string(raw, "cwd"), env, stopOnEntry, start(raw.get("start")),
                workers(raw.get("workers")), process);
    }

    private static OptionalInt process(Object v) throws DapException {
        if (v == null) {
            return OptionalInt.empty();
        }
        if (v instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= Integer.MAX_VALUE
                && n.doubleValue() == Math.floor(n.doubleValue())) {
            return OptionalInt.of(n.intValue());
        }
        throw bad("\"process\" must be a process id (rewind ps lists them), found " + describe(v));
    }

    private static OptionalInt workers(Object v) throws DapException {
        if (v == null) {
            return OptionalInt.empty();
        }
        if (v instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= 256
                && n.doubleValue() == Math.floor(n.doubleValue())) {
            return OptionalInt.of(n.intValue());
        }
        throw bad("\"workers\" must be a number of processes from 1 to 256, found " + describe(v));
    }

    private static Optional<Start> start(Object v) throws DapException {
        if (v == null) {
            return Optional.empty();
        }
        if ("end".equals(v)) {
            return Optional.of(Start.END);
        }
        if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() == Math.floor(n.doubleValue())
                && n.doubleValue() < 9.0e15) {
            return Optional.of(Start.event(n.longValue()));
        }
        throw bad("\"start\" must be \"end\" or an event number >= 0, found " + describe(v));
    }

    private static Optional<String> string(Map<String, Object> raw, String name) throws DapException {
        Object v = raw.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw bad("\"" + name + "\" must be a non-empty string, found " + describe(v));
        }
        return Optional.of(noNul(s, "the " + name + " path"));
    }

    /** {@code s} unless it holds a NUL, which no path, argument or variable can (the kernel ends strings there). */
    private static String noNul(String s, String what) throws DapException {
        if (s.indexOf('\0') >= 0) {
            throw bad(what + " contains a NUL character");
        }
        return s;
    }

    private static String describe(Object o) {
        return o == null ? "null" : o instanceof String s ? "\"" + s + "\"" : o.getClass().getSimpleName().toLowerCase()
                + " " + o;
    }

    private static DapException bad(String message) {
        return new DapException(DapError.BAD_ARGUMENTS, message);
    }
}
