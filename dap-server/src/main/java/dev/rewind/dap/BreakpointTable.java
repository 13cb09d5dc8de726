/*
 * BreakpointTable: the user's breakpoints as DAP knows them (ids, per source file and by function
 * name) and the code addresses each resolved to. The union of all addresses is what the replay
 * has armed; a breakpoint stop is mapped back to the ids at its pc.
 */
package dev.rewind.dap;

import dev.rewind.core.model.RemoteAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

public final class BreakpointTable {
    /** One DAP breakpoint and where it resolved (empty when unverified). */
    public record Entry(int id, List<RemoteAddress> addresses) {
        public Entry {
            addresses = List.copyOf(addresses);
        }
    }

    private final Map<String, List<Entry>> bySource = new HashMap<>();
    private List<Entry> functions = List.of();
    private int nextId = 1;

    public int newId() {
        return nextId++;
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

    /** The ids of the breakpoints armed at {@code pc}. */
    public List<Integer> idsAt(RemoteAddress pc) {
        List<Integer> ids = new ArrayList<>();
        bySource.values().forEach(list -> list.stream().filter(e -> e.addresses().contains(pc)).forEach(e -> ids.add(e.id())));
        functions.stream().filter(e -> e.addresses().contains(pc)).forEach(e -> ids.add(e.id()));
        return ids;
    }
}
