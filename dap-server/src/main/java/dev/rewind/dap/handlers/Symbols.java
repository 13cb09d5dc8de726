/*
 * Symbols: looking variables up the way C scopes them: an inner block's variable shadows an outer
 * one of the same name; locals come before globals.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Scope;
import dev.rewind.core.session.Variable;
import dev.rewind.core.values.Value;
import dev.rewind.core.values.ValueFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class Symbols {
    private Symbols() {
    }

    /** One variable per name: the innermost (deepest block) wins; the agent's order is kept. */
    static List<Variable> visible(List<Variable> all) {
        Map<String, Variable> byName = new LinkedHashMap<>();
        for (Variable v : all) {
            Variable seen = byName.get(v.name());
            if (seen == null || v.depth() > seen.depth()) {
                byName.put(v.name(), v);
            }
        }
        return new ArrayList<>(byName.values());
    }

    static List<Value> format(List<Variable> variables, ValueFormatter formatter) throws AgentException {
        List<Value> out = new ArrayList<>();
        for (Variable v : variables) {
            out.add(formatter.ofVariable(v));
        }
        return out;
    }

    /** The variable {@code name} as seen from frame {@code frame}: its locals, then its unit's globals. */
    static Optional<Variable> lookup(ReplaySession session, int frame, String name) throws AgentException {
        for (Scope scope : List.of(Scope.LOCALS, Scope.GLOBALS)) {
            Optional<Variable> found = visible(session.variables(frame, scope)).stream()
                    .filter(v -> v.name().equals(name)).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
