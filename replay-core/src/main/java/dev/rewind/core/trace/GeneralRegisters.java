/*
 * GeneralRegisters: struct user_regs_struct (x86-64), the 27 general registers in ptrace order.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.RemoteAddress;
import java.util.List;

public record GeneralRegisters(List<Long> values) {
    /** Field names in the order of struct user_regs_struct. */
    public static final List<String> NAMES = List.of(
            "r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx",
            "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds",
            "es", "fs", "gs");

    public GeneralRegisters {
        values = List.copyOf(values);
        if (values.size() != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " registers, got " + values.size());
        }
    }

    /** The register named as in {@link #NAMES}, e.g. "rip". */
    public long get(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no register named " + name);
        }
        return values.get(i);
    }

    public RemoteAddress rip() {
        return RemoteAddress.of(get("rip"));
    }

    public RemoteAddress rsp() {
        return RemoteAddress.of(get("rsp"));
    }
}
