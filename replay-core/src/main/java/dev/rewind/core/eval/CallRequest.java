/*
 * CallRequest: a call of the program's function the evaluator asks its scope for: the function's
 * name, the call world to run in (0: a new copy of the current moment; otherwise the world an earlier
 * call of the same evaluation left), the integer/pointer arguments, and the data (string literals)
 * to place in the world first: the arguments whose bit is set in dataArguments are offsets into it.
 * A call through a function pointer gives the function's entry as address (0: found by name), and
 * name is then the symbol there.
 */
package dev.rewind.core.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

public record CallRequest(String name, long address, int world, List<Long> arguments, int dataArguments, byte[] data) {
    /** A call of the function found by {@code name}. */
    public CallRequest(String name, int world, List<Long> arguments, int dataArguments, byte[] data) {
        this(name, 0, world, arguments, dataArguments, data);
    }

    public CallRequest {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallRequest c && c.name.equals(name) && c.address == address && c.world == world && c.arguments.equals(arguments)
                && c.dataArguments == dataArguments && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, address, world, arguments, dataArguments, Arrays.hashCode(data));
    }
}
