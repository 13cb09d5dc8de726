/*
 * LaunchArguments: the launch request's arguments, checked: either "trace" (debug an existing
 * recording) or "program" with optional "args", "cwd" and "env" (record it first), plus
 * "stopOnEntry". Anything malformed is refused with a message naming the argument.
 */
package dev.rewind.dap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

public record LaunchArguments(Optional<String> trace, Optional<String> program, List<String> args, Optional<String> cwd,
                              Map<String, String> env, boolean stopOnEntry) {
    public LaunchArguments {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(program, "program");
        args = List.copyOf(args);
        Objects.requireNonNull(cwd, "cwd");
        env = Map.copyOf(env);
        if (trace.isPresent() == program.isPresent()) {
            throw new IllegalArgumentException("exactly one of trace and program");
        }
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
                args.add(s);
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
                env.put(name, v);
            }
        }
        Object stop = raw.getOrDefault("stopOnEntry", Boolean.FALSE);
        if (!(stop instanceof Boolean stopOnEntry)) {
            throw bad("\"stopOnEntry\" must be true or false, found " + describe(stop));
        }
        if (trace.isPresent() && (a != null || e != null || raw.get("cwd") != null)) {
            throw bad("\"args\", \"cwd\" and \"env\" apply to \"program\"; a trace replays as it was recorded");
        }
        return new LaunchArguments(trace, program, args, string(raw, "cwd"), env, stopOnEntry);
    }

    private static Optional<String> string(Map<String, Object> raw, String name) throws DapException {
        Object v = raw.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw bad("\"" + name + "\" must be a non-empty string, found " + describe(v));
        }
        return Optional.of(s);
    }

    private static String describe(Object o) {
        return o == null ? "null" : o instanceof String s ? "\"" + s + "\"" : o.getClass().getSimpleName().toLowerCase()
                + " " + o;
    }

    private static DapException bad(String message) {
        return new DapException(DapError.BAD_ARGUMENTS, message);
    }
}
