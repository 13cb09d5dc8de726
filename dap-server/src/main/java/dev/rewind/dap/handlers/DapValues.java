/*
 * DapValues: a formatted value as a DAP variable (or evaluate result): its display, type, memory
 * reference, and a variablesReference when it expands (arrays report their element count, so the
 * client pages through large ones; a container also says how many named children it has, "[raw]").
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.values.Value;
import dev.rewind.core.values.ValueFormatter;
import dev.rewind.dap.VariableHandles;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import java.util.Optional;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;

final class DapValues {
    private DapValues() {
    }

    static Variable variable(Value v, VariableHandles handles) {
        return variable(v, handles, Optional.empty());
    }

    /** As variable; a value from a call world ({@code world} formats it) expands in that world. */
    static Variable variable(Value v, VariableHandles handles, Optional<ValueFormatter> world) {
        Variable out = new Variable();
        out.setName(v.name());
        out.setValue(v.display());
        out.setType(v.typeName());
        out.setVariablesReference(reference(v, handles, world));
        v.expansion().ifPresent(e -> {
            if (e.indexedCount() > 0) {
                out.setIndexedVariables((int) Math.min(Integer.MAX_VALUE, e.indexedCount()));
                if (e.namedCount() > 0) {
                    out.setNamedVariables(e.namedCount());
                }
            }
        });
        memoryReference(v, world).ifPresent(out::setMemoryReference);
        return out;
    }

    /**
     * An evaluate result; one read from a call world ({@code world} formats it) expands in that world and
     * has no memory reference (readMemory would read the replay, not the call's copy).
     */
    static EvaluateResponse evaluated(Value v, VariableHandles handles, Optional<ValueFormatter> world) {
        EvaluateResponse out = new EvaluateResponse();
        out.setResult(v.display());
        out.setType(v.typeName());
        out.setVariablesReference(reference(v, handles, world));
        v.expansion().ifPresent(e -> {
            if (e.indexedCount() > 0) {
                out.setIndexedVariables((int) Math.min(Integer.MAX_VALUE, e.indexedCount()));
                if (e.namedCount() > 0) {
                    out.setNamedVariables(e.namedCount());
                }
            }
        });
        memoryReference(v, world).ifPresent(out::setMemoryReference);
        if (world.isPresent()) {
            VariablePresentationHint hint = new VariablePresentationHint();
            hint.setAttributes(new String[] {"readOnly"});
            out.setPresentationHint(hint);
        }
        return out;
    }

    private static int reference(Value v, VariableHandles handles, Optional<ValueFormatter> world) {
        return v.expansion().map(e -> handles.add(world.<VariableHandles.Target>map(
                f -> new VariableHandles.CallChildrenOf(e, f)).orElseGet(() -> new VariableHandles.ChildrenOf(e))))
                .orElse(0);
    }

    /** Pointers refer to what they point to; other values in memory to themselves; none from a call world. */
    private static Optional<String> memoryReference(Value v, Optional<ValueFormatter> world) {
        if (world.isPresent()) {
            return Optional.empty();
        }
        return v.pointer().or(v::address).map(Object::toString);
    }
}
