/*
 * BreakpointTable: the user's breakpoints as DAP knows them (ids, per source file and by function
 * name), the code addresses each resolved to and its options (condition, hit condition, log
 * message). The union of all addresses is what the replay has armed; a breakpoint stop is mapped
 * back to the entries at its pc. A breakpoint keeps its id while the client sends it again (same
 * file and line, or same function), so its hit count lasts for the session.
 */
package dev.rewind.dap;

import dev.rewind.core.model.RemoteAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

public final class BreakpointTable {
    /** One DAP breakpoint, where it resolved (empty when unverified) and what it asks. */
    public record Entry(int id, List<RemoteAddress> addresses, BreakpointOptions options) {
        public Entry {
            addresses = List.copyOf(addresses);
            Objects.requireNonNull(options, "options");
            if (id <= 0) {
                throw new IllegalArgumentException("breakpoint ids start at 1, got " + id);
            }
        }

        public Entry(int id, List<RemoteAddress> addresses) {
            this(id, addresses, BreakpointOptions.NONE);
        }
    }

    private final Map<String, List<Entry>> bySource = new HashMap<>();
    private final Map<String, Integer> idsByKey = new HashMap<>();
    private List<Entry> functions = List.of();
    private int nextId = 1;

    public int newId() {
        return nextId++;
    }

    /**
     * The id of the breakpoint known by {@code key} ("line:/src/a.c:12", "function:main"): the one it
     * had before, unless {@code taken} (ids given out in the same request) has it already.
     */
    public int idFor(String key, Set<Integer> taken) {
        Integer id = idsByKey.get(key);
        if (id == null || taken.contains(id)) {
            id = newId();
            idsByKey.putIfAbsent(key, id);
        }
        taken.add(id);
        return id;
    }

    /** A fresh set for idFor's {@code taken}. */
    public static Set<Integer> noneTaken() {
        return new HashSet<>();
    }

    /** The breakpoints of one source file replace that file's previous ones. */
    public void replaceSource(String path, List<Entry> entries) {
        Objects.requireNonNull(path, "path");
        bySource.put(path, List.copyOf(entries));
    }

    public void replaceFunctions(List<Entry> entries) {
        functions = List.copyOf(entries);
    }

    /** Every address to arm, each once. */
    public List<RemoteAddress> addresses() {
        Set<RemoteAddress> all = new LinkedHashSet<>();
        bySource.values().forEach(list -> list.forEach(e -> all.addAll(e.addresses())));
        functions.forEach(e -> all.addAll(e.addresses()));
        return new ArrayList<>(all);
    }

    /** Every breakpoint (line and function), verified ones only. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        bySource.values().forEach(out::addAll);
        out.addAll(functions);
        return out;
    }

    /** The breakpoints armed at {@code pc}. */
    public List<Entry> entriesAt(RemoteAddress pc) {
        List<Entry> out = new ArrayList<>();
        bySource.values().forEach(list -> list.stream().filter(e -> e.addresses().contains(pc)).forEach(out::add));
        functions.stream().filter(e -> e.addresses().contains(pc)).forEach(out::add);
        return out;
    }

    /** The ids of the breakpoints armed at {@code pc}. */
    public List<Integer> idsAt(RemoteAddress pc) {
        return entriesAt(pc).stream().map(Entry::id).toList();
    }
}
