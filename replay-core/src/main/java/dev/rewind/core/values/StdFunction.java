/*
 * StdFunction: the reader of StdFormatters for std::function (libstdc++'s _Function_base): empty
 * when it holds no target (_M_manager is null); otherwise what it holds, named by the handler
 * libstdc++ instantiated for it (_M_manager is std::_Function_handler<Signature, Callable>::_M_manager,
 * whose symbol spells Callable): a function pointer is shown as a pointer to a function is,
 * "0x401136 <twice>" (it is the first word of _M_functor); any other callable (a lambda, a functor
 * class) by its type, "main(int, char**)::<lambda(int)>". Children: [target] for a function
 * pointer, [invoker] (the function a call goes through) and [raw].
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class StdFunction {
    private static final String HANDLER = "_Function_handler<";

    private StdFunction() {
    }

    static Optional<Value> function(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> manager = std.field(s, "manager");
        Optional<CxxLayout.Field> functor = std.field(s, "functor");
        Optional<CxxLayout.Field> invoker = std.field(s, "invoker");
        if (manager.isEmpty() || functor.isEmpty() || invoker.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> handler = std.layout.word(s.at(), manager.get().offset());
        Optional<Long> first = std.layout.word(s.at(), functor.get().offset());
        if (handler.isEmpty() || first.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        if (handler.get() == 0) {
            return Optional.of(std.value(s, "empty", 0, StdFormatters.NONE));
        }
        Optional<String> callable = std.source.functionAt(RemoteAddress.of(handler.get()))
                .flatMap(StdFunction::callableType);
        List<Value> children = new ArrayList<>();
        String display;
        if (callable.isPresent() && isFunctionPointer(callable.get())) {
            RemoteAddress target = RemoteAddress.of(first.get());
            display = target + std.source.functionAt(target).map(f -> " <" + f + ">").orElse("");
            children.add(new Value("[target]", display, callable.get(), Optional.empty(), Optional.of(target),
                    Optional.empty()));
        } else {
            display = callable.map(c -> "{" + c + "}").orElse("{a callable of unknown type}");
        }
        children.add(std.formatter.format("[invoker]", invoker.get().typeId(),
                s.at().slice(invoker.get().offset(), 8)));
        return Optional.of(std.value(s, display, 0, StdFormatters.named(() -> children)));
    }

    /**
     * The Callable of "std::_Function_handler<int (int), int (*)(int)>::_M_manager": the handler's
     * second template argument (after the signature's top-level comma).
     */
    static Optional<String> callableType(String managerSymbol) {
        int open = managerSymbol.indexOf(HANDLER);
        if (open < 0) {
            return Optional.empty();
        }
        int depth = 0;
        int comma = -1;
        for (int i = open + HANDLER.length(); i < managerSymbol.length(); i++) {
            char c = managerSymbol.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == ')' || (c == '>' && depth > 0)) {
                depth--;
            } else if (c == '>') { // the handler's own closing bracket
                return comma < 0 ? Optional.empty()
                        : Optional.of(managerSymbol.substring(comma + 1, i).strip());
            } else if (c == ',' && depth == 0 && comma < 0) {
                comma = i;
            }
        }
        return Optional.empty();
    }

    /** "int (*)(int)": a pointer to a function, whose value is the function called. */
    private static boolean isFunctionPointer(String type) {
        return type.matches(".*\\(\\*\\)\\s*\\(.*\\)(?:\\s*noexcept)?");
    }
}
