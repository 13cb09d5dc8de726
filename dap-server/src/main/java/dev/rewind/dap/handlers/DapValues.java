/*
 * DapValues: a formatted value as a DAP variable (or evaluate result): its display, type, memory
 * reference, and a variablesReference when it expands (arrays report their element count, so the
 * client pages through large ones; a container also says how many named children it has, "[raw]").
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.values.Value;
import dev.rewind.dap.VariableHandles;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.Variable;

final class DapValues {
    private DapValues() {
    }

    static Variable variable(Value v, VariableHandles handles) {
        Variable out = new Variable();
        out.setName(v.name());
        out.setValue(v.display());
        out.setType(v.typeName());
        out.setVariablesReference(reference(v, handles));
        v.expansion().ifPresent(e -> {
            if (e.indexedCount() > 0) {
                out.setIndexedVariables((int) Math.min(Integer.MAX_VALUE, e.indexedCount()));
                if (e.namedCount() > 0) {
                    out.setNamedVariables(e.namedCount());
                }
            }
        });
        memoryReference(v).ifPresent(out::setMemoryReference);
        return out;
    }

    static EvaluateResponse evaluated(Value v, VariableHandles handles) {
        EvaluateResponse out = new EvaluateResponse();
        out.setResult(v.display());
        out.setType(v.typeName());
        out.setVariablesReference(reference(v, handles));
        v.expansion().ifPresent(e -> {
            if (e.indexedCount() > 0) {
                out.setIndexedVariables((int) Math.min(Integer.MAX_VALUE, e.indexedCount()));
                if (e.namedCount() > 0) {
                    out.setNamedVariables(e.namedCount());
                }
            }
        });
        memoryReference(v).ifPresent(out::setMemoryReference);
        return out;
    }

    private static int reference(Value v, VariableHandles handles) {
        return v.expansion().map(e -> handles.add(new VariableHandles.ChildrenOf(e))).orElse(0);
    }

    /** Pointers refer to what they point to; other values in memory to themselves. */
    private static java.util.Optional<String> memoryReference(Value v) {
        return v.pointer().or(v::address).map(Object::toString);
    }
}
