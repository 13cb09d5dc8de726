/*
 * StdFunctionTest: the callable a std::function holds, read from the name of the handler libstdc++
 * instantiated for it (as the agent names _M_manager): function pointers, lambdas whose names hold
 * commas and brackets of their own, and names that are no handler's.
 */
package dev.rewind.core.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StdFunctionTest {
    @Test
    void theCallableIsTheHandlersSecondTemplateArgument() {
        assertEquals(Optional.of("int(*)(int)"),
                StdFunction.callableType("std::_Function_handler<int(int), int(*)(int)>::_M_manager"));
        assertEquals(Optional.of("main(int, char**)::<lambda(int)>"), StdFunction.callableType(
                "std::_Function_handler<int(int), main(int, char**)::<lambda(int)> >::_M_manager"));
        assertEquals(Optional.of("Adder"),
                StdFunction.callableType("std::_Function_handler<long(int, std::pair<int, int>), Adder>::_M_manager"));
        assertEquals(Optional.empty(), StdFunction.callableType("_M_manager"));
        assertEquals(Optional.empty(), StdFunction.callableType("std::_Function_handler<void()>::_M_manager"));
    }
}
