/*
 * DataBreakpoints: the session's data breakpoints (setDataBreakpoints replaces them all): each a
 * DAP id, the bytes it watches, and what the user asked to watch (for stop descriptions). A data
 * breakpoint's dataId (from dataBreakpointInfo) names its bytes: "0xADDRESS/SIZE". A local's
 * carries the frame it lives in (WatchScope): its data breakpoint ends when that frame returns.
 */
package dev.rewind.dap;

import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Watch;
import dev.rewind.core.timeline.WatchScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

public final class DataBreakpoints {
    /** One verified data breakpoint; {@code scope} the frame of a watched local. */
    public record Entry(int id, Watch watch, String name, Optional<WatchScope> scope) {
        public Entry {
            Objects.requireNonNull(watch, "watch");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(scope, "scope");
        }
    }

    private List<Entry> entries = List.of();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, WatchScope> scopes = new HashMap<>();

    /** The frame the bytes of {@code dataId} live in, as dataBreakpointInfo found it. */
    public void scope(String dataId, Optional<WatchScope> scope) {
        if (scope.isPresent()) {
            scopes.put(dataId, scope.get());
        } else {
            scopes.remove(dataId);
        }
    }

    /** The frame of {@code dataId}'s bytes, empty when they are no local's. */
    public Optional<WatchScope> scopeOf(String dataId) {
        return Optional.ofNullable(scopes.get(dataId));
    }

    /** The scopes of the data breakpoints set, one per entry that has one. */
    public List<WatchScope> scopes() {
        return entries.stream().flatMap(e -> e.scope().stream()).toList();
    }

    /** The data breakpoints left after dropping those of the scopes that {@code ended}. */
    public List<Entry> without(List<WatchScope> ended) {
        return entries.stream().filter(e -> e.scope().isEmpty() || !ended.contains(e.scope().get())).toList();
    }

    /** What dataBreakpointInfo called the bytes of {@code dataId} (to describe its stops). */
    public void name(String dataId, String name) {
        names.put(dataId, name);
    }

    /** The name given to {@code dataId}, or the dataId itself. */
    public String nameOf(String dataId) {
        return names.getOrDefault(dataId, dataId);
    }

    public void replace(List<Entry> list) {
        entries = List.copyOf(list);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The watches to arm, one per distinct range. */
    public List<Watch> watches() {
        List<Watch> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!out.contains(e.watch())) {
                out.add(e.watch());
            }
        }
        return out;
    }

    /** The data breakpoints watching the range that starts at {@code address} (a watch stop's). */
    public List<Entry> at(RemoteAddress address) {
        return entries.stream().filter(e -> e.watch().address().equals(address)).toList();
    }

    /** The dataId of {@code length} bytes at {@code address}. */
    public static String dataId(RemoteAddress address, long length) {
        return address + "/" + length;
    }

    /** The watch a dataId names, if it is one. */
    public static Optional<Watch> parse(String dataId) {
        if (dataId == null) {
            return Optional.empty();
        }
        int slash = dataId.indexOf('/');
        if (!dataId.startsWith("0x") || slash < 3) {
            return Optional.empty();
        }
        try {
            long address = Long.parseUnsignedLong(dataId.substring(2, slash), 16);
            int length = Integer.parseInt(dataId.substring(slash + 1));
            if (length < 1 || length > Watch.MAX_LENGTH) {
                return Optional.empty();
            }
            return Optional.of(new Watch(RemoteAddress.of(address), length));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
