/*
 * BreakpointConditions: decides at each arrival at a user breakpoint whether the replay stops,
 * evaluated in Java for now (the agent runs on meanwhile only after we answer):
 *   1. a condition that is false is no hit; one that cannot be evaluated stops, with the reason in
 *      the debug console (as VS Code does with gdb);
 *   2. a hit counts (per breakpoint, for the session) and the hit condition, if any, is checked;
 *   3. a log point prints its message (category console) and does not stop.
 * Several breakpoints at one address each decide; the replay stops when any of them stops, and the
 * stopped event names those.
 */
package dev.rewind.dap;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.eval.EvalException;
import dev.rewind.core.eval.Evaluator;
import dev.rewind.core.eval.SessionScope;
import dev.rewind.core.eval.TypeTable;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.BreakpointFilter;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Stop;
import dev.rewind.core.values.ValueFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

final class BreakpointConditions implements BreakpointFilter {
    private final BreakpointTable table;
    private final OutputEvents output;
    private final ReplaySession session;
    private final TypeTable types;
    private final ValueFormatter formatter;
    private final Map<Integer, Long> hits = new HashMap<>();
    private RemoteAddress lastPc;
    private List<Integer> lastStopping = List.of();

    BreakpointConditions(BreakpointTable table, OutputEvents output, ReplaySession session, TypeTable types,
                         ValueFormatter formatter) {
        this.table = Objects.requireNonNull(table, "table");
        this.output = Objects.requireNonNull(output, "output");
        this.session = Objects.requireNonNull(session, "session");
        this.types = Objects.requireNonNull(types, "types");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
    }

    @Override
    public boolean stopsAt(Stop stop) throws AgentException {
        Evaluator evaluator = null;
        List<Integer> stopping = new ArrayList<>();
        for (BreakpointTable.Entry e : table.entriesAt(stop.pc())) {
            BreakpointOptions o = e.options();
            if (o.condition().isPresent() || o.logMessage().isPresent()) {
                if (evaluator == null) {
                    evaluator = evaluator();
                }
            }
            if (o.condition().isPresent()) {
                try {
                    if (!holds(evaluator, o.condition().get())) {
                        continue;
                    }
                } catch (EvalException x) {
                    output.console("rewind: breakpoint " + e.id() + ": cannot evaluate the condition '"
                            + o.condition().get() + "': " + x.getMessage() + " (stopped here)");
                    count(e.id());
                    stopping.add(e.id());
                    continue;
                }
            }
            long n = count(e.id());
            if (o.hitCondition().isPresent() && !o.hitCondition().get().stopsAt(n)) {
                continue;
            }
            if (o.logMessage().isPresent()) {
                output.console(o.logMessage().get().render(evaluator, formatter));
                continue;
            }
            stopping.add(e.id());
        }
        lastPc = stop.pc();
        lastStopping = List.copyOf(stopping);
        return !stopping.isEmpty();
    }

    private long count(int id) {
        return hits.merge(id, 1L, Long::sum);
    }

    /** Whether {@code condition} holds at the stop {@code evaluator} sees (an error: EvalException). */
    static boolean holds(Evaluator evaluator, String condition) throws EvalException, AgentException {
        return evaluator.isTrue(evaluator.evaluate(condition));
    }

    /** An evaluator at the current stop, its frames listed first (the agent answers VARIABLES only then). */
    Evaluator evaluator() throws AgentException {
        session.stack(1);
        return new Evaluator(types, new SessionScope(session, 0));
    }

    /** After a travel: breakpoint {@code id} was hit {@code n} times up to the new moment. */
    void setCount(int id, long n) {
        hits.put(id, n);
    }

    /** The breakpoints a search of the past stopped at, at {@code pc} (for the stopped event's ids). */
    void stoppedAt(RemoteAddress pc, List<Integer> ids) {
        lastPc = pc;
        lastStopping = List.copyOf(ids);
    }

    /** The ids to report for a breakpoint stop at {@code pc}: those that decided to stop there. */
    List<Integer> hitIds(RemoteAddress pc) {
        return pc.equals(lastPc) && !lastStopping.isEmpty() ? lastStopping : table.idsAt(pc);
    }
}
