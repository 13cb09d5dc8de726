/*
 * PastHits: how the user's breakpoints judge moments of the past (Timeline's PastFilter), with
 * the same meaning as forwards but no side effects:
 *   - a log point never stops and prints nothing (its message was printed when the replay passed
 *     there going forwards);
 *   - a condition is evaluated at the past arrival; one that cannot be evaluated stops there;
 *   - a hit condition counts hits from the start of the recording: the N-th hit is the N-th
 *     arrival (condition true) of the whole recording. For each breakpoint with a hit condition a
 *     ledger of all its hits is made by one scan of the recording (again when the breakpoint
 *     changes), and after every travel the forward hit counts become the hits up to the new moment.
 */
package dev.rewind.dap;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.eval.EvalException;
import dev.rewind.core.eval.Evaluator;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Stop;
import dev.rewind.core.timeline.PastFilter;
import dev.rewind.core.timeline.Position;
import dev.rewind.core.timeline.Timeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

final class PastHits implements PastFilter {
    /** Every hit of one breakpoint in the recording: position → its number (from 1). */
    private record Ledger(BreakpointTable.Entry entry, Map<Position, Integer> numbers, List<Position> order) {
    }

    private final BreakpointTable table;
    private final BreakpointConditions conditions;
    private final Map<Integer, Ledger> ledgers = new HashMap<>();

    PastHits(BreakpointTable table, BreakpointConditions conditions) {
        this.table = Objects.requireNonNull(table, "table");
        this.conditions = Objects.requireNonNull(conditions, "conditions");
    }

    @Override
    public void prepare(Timeline timeline) throws AgentException {
        forgetRemoved();
        List<BreakpointTable.Entry> stale = new ArrayList<>();
        for (BreakpointTable.Entry e : table.entries()) {
            Ledger l = ledgers.get(e.id());
            if (e.options().hitCondition().isPresent() && (l == null || !l.entry().equals(e))) {
                stale.add(e);
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        Set<RemoteAddress> watch = new LinkedHashSet<>();
        Map<Integer, List<Position>> found = new HashMap<>();
        for (BreakpointTable.Entry e : stale) {
            watch.addAll(e.addresses());
            found.put(e.id(), new ArrayList<>());
        }
        timeline.scan(watch, (at, stop) -> {
            Evaluator evaluator = null;
            for (BreakpointTable.Entry e : stale) {
                if (!e.addresses().contains(stop.pc())) {
                    continue;
                }
                if (e.options().condition().isPresent()) {
                    if (evaluator == null) {
                        evaluator = conditions.evaluator();
                    }
                    if (!holdsOrFails(evaluator, e.options().condition().get())) {
                        continue;
                    }
                }
                found.get(e.id()).add(at);
            }
        });
        for (BreakpointTable.Entry e : stale) {
            List<Position> order = found.get(e.id());
            Map<Position, Integer> numbers = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                numbers.put(order.get(i), i + 1);
            }
            ledgers.put(e.id(), new Ledger(e, numbers, order));
        }
    }

    @Override
    public boolean stopsAt(Position at, Stop stop) throws AgentException {
        Evaluator evaluator = null;
        List<Integer> stopping = new ArrayList<>();
        for (BreakpointTable.Entry e : table.entriesAt(stop.pc())) {
            BreakpointOptions o = e.options();
            if (o.logMessage().isPresent()) {
                continue;
            }
            if (o.condition().isPresent()) {
                if (evaluator == null) {
                    evaluator = conditions.evaluator();
                }
                if (!holdsOrFails(evaluator, o.condition().get())) {
                    continue;
                }
            }
            if (o.hitCondition().isPresent()) {
                Ledger l = ledgers.get(e.id());
                Integer n = l == null || !l.entry().equals(e) ? null : l.numbers().get(at);
                if (n == null || !o.hitCondition().get().stopsAt(n)) {
                    continue;
                }
            }
            stopping.add(e.id());
        }
        if (!stopping.isEmpty()) {
            conditions.stoppedAt(stop.pc(), stopping);
        }
        return !stopping.isEmpty();
    }

    @Override
    public AddressRule ruleAt(RemoteAddress address) {
        List<BreakpointTable.Entry> at = table.entriesAt(address);
        boolean stops = false;
        for (BreakpointTable.Entry e : at) {
            BreakpointOptions o = e.options();
            if (o.logMessage().isPresent()) {
                continue; // never stops going backwards
            }
            if (o.condition().isPresent() || o.hitCondition().isPresent()) {
                return AddressRule.JUDGED;
            }
            stops = true;
        }
        return stops ? AddressRule.STOPS_ALWAYS : AddressRule.STOPS_NEVER;
    }

    @Override
    public void travelled(Timeline timeline) throws AgentException {
        forgetRemoved();
        if (ledgers.isEmpty()) {
            return;
        }
        Position here = timeline.position();
        List<Position> sinceBoundary = null;
        for (Map.Entry<Integer, Ledger> e : ledgers.entrySet()) {
            Ledger l = e.getValue();
            long n = 0;
            boolean ambiguous = false;
            for (Position p : l.order()) {
                int cmp = p.event().compareTo(here.event());
                if (cmp < 0 || (cmp == 0 && here.kind() == Position.Kind.END) || p.equals(here)) {
                    n++;
                } else if (cmp == 0 && here.kind() != Position.Kind.BOUNDARY) {
                    ambiguous = true; // the same event: the replay tells the order
                }
            }
            if (ambiguous) {
                if (sinceBoundary == null) {
                    sinceBoundary = timeline.arrivalsSinceBoundary(allAddresses());
                }
                for (Position p : sinceBoundary) {
                    if (l.numbers().containsKey(p)) {
                        n++;
                    }
                }
            }
            conditions.setCount(e.getKey(), n);
        }
    }

    /** Drops the ledgers of breakpoints that were removed or changed since. */
    private void forgetRemoved() {
        List<BreakpointTable.Entry> now = table.entries();
        ledgers.values().removeIf(l -> !now.contains(l.entry()));
    }

    private Set<RemoteAddress> allAddresses() {
        Set<RemoteAddress> all = new LinkedHashSet<>();
        ledgers.values().forEach(l -> all.addAll(l.entry().addresses()));
        return all;
    }

    /** A condition that cannot be evaluated counts as holding (forwards, it stops there too). */
    private static boolean holdsOrFails(Evaluator evaluator, String condition) throws AgentException {
        try {
            return BreakpointConditions.holds(evaluator, condition);
        } catch (EvalException x) {
            return true;
        }
    }
}
