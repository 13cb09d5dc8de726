/*
 * VariablesHandler: the children of a variablesReference: a frame's locals or globals, the
 * registers, or the members / elements / pointee of a value (paged with start and count, and DAP's
 * named/indexed filter). A C++ method's this is listed first among the Locals.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.Registers;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Scope;
import dev.rewind.core.session.VariableKind;
import dev.rewind.core.values.Expansion;
import dev.rewind.core.values.Value;
import dev.rewind.core.values.ValueFormatter;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import dev.rewind.dap.VariableHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.debug.VariablesResponse;

public final class VariablesHandler implements RequestHandler<VariablesArguments, VariablesResponse> {
    /** The registers shown, in the order a debugger user expects them. */
    static final List<String> REGISTERS = List.of("rip", "rsp", "rbp", "rax", "rbx", "rcx", "rdx", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "eflags", "cs", "ss", "ds", "es", "fs", "gs",
            "fs_base", "gs_base", "orig_rax");

    @Override
    public String command() {
        return "variables";
    }

    @Override
    public VariablesResponse handle(VariablesArguments args, DebugContext ctx) throws DapException {
        if (args == null) {
            throw new DapException(DapError.BAD_ARGUMENTS, "variables needs a variablesReference");
        }
        ReplaySession session = ctx.session();
        VariableHandles.Target target = ctx.handles().get(args.getVariablesReference()).orElseThrow(() ->
                new DapException(DapError.NOT_FOUND, "variablesReference " + args.getVariablesReference()
                        + " is not valid (any more): references last until the replay runs again"));
        // the children of a call's result are read from the call's copy of the program
        Optional<ValueFormatter> world = target instanceof VariableHandles.CallChildrenOf c
                ? Optional.of(c.formatter()) : Optional.empty();
        ValueFormatter formatter = world.orElse(ctx.formatter());
        List<Variable> out = new ArrayList<>();
        try {
            if (target instanceof VariableHandles.RegistersOf r) {
                registers(ctx.registers(r.frameIndex()), out);
            } else {
                for (Value v : values(target, ctx, formatter, args)) {
                    out.add(DapValues.variable(v, ctx.handles(), world));
                }
            }
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot read the variables: " + e.getMessage(), e);
        }
        VariablesResponse response = new VariablesResponse();
        response.setVariables(out.toArray(new Variable[0]));
        return response;
    }

    /** The values of a scope (frame indexes are frame ids - 1: they name the frame's thread too) or an expansion. */
    private static List<Value> values(VariableHandles.Target target, DebugContext ctx, ValueFormatter formatter,
                                      VariablesArguments args) throws AgentException, DapException {
        if (target instanceof VariableHandles.LocalsOf l) { // C++'s this first, as gdb and LLDB list it
            return Symbols.format(Symbols.visible(ctx.variables(l.frameIndex(), Scope.LOCALS)).stream()
                    .filter(v -> v.kind() != VariableKind.PARAMETER || isThis(v))
                    .sorted((x, y) -> Boolean.compare(!isThis(x), !isThis(y))).toList(), formatter);
        }
        if (target instanceof VariableHandles.ArgumentsOf a) {
            return Symbols.format(Symbols.visible(ctx.variables(a.frameIndex(), Scope.LOCALS)).stream()
                    .filter(v -> v.kind() == VariableKind.PARAMETER && !isThis(v)).toList(), formatter);
        }
        if (target instanceof VariableHandles.GlobalsOf g) {
            return Symbols.format(Symbols.visible(ctx.variables(g.frameIndex(), Scope.GLOBALS)), formatter);
        }
        Expansion expansion = target instanceof VariableHandles.CallChildrenOf c ? c.expansion()
                : ((VariableHandles.ChildrenOf) target).expansion();
        long start = args.getStart() == null ? 0 : Math.max(0, args.getStart());
        long count = args.getCount() == null || args.getCount() <= 0 ? -1 : args.getCount();
        ValueFormatter.Filter filter = args.getFilter() == VariablesArgumentsFilter.NAMED ? ValueFormatter.Filter.NAMED
                : args.getFilter() == VariablesArgumentsFilter.INDEXED ? ValueFormatter.Filter.INDEXED
                : ValueFormatter.Filter.ALL;
        return formatter.children(expansion, filter, start, count);
    }

    /** A C++ method's object pointer: shown in Locals, where a C++ developer looks for its members. */
    private static boolean isThis(dev.rewind.core.session.Variable v) {
        return v.kind() == VariableKind.PARAMETER && v.name().equals("this");
    }

    private static void registers(Registers regs, List<Variable> out) {
        for (String name : REGISTERS) {
            Variable v = new Variable();
            v.setName(name);
            v.setValue(String.format("0x%016x", regs.get(name)));
            v.setType("uint64_t");
            v.setVariablesReference(0);
            out.add(v);
        }
    }
}
