/*
 * ProgramOutput: where the program's bytes go: output events of category stdout/stderr.
 */
package dev.rewind.dap;

import dev.rewind.core.session.OutputChannel;

public final class ProgramOutput {
    private final OutputEvents events;

    private ProgramOutput(OutputEvents events) {
        this.events = events;
    }

    public static ProgramOutput of(DebugContext ctx) {
        return new ProgramOutput(ctx.output());
    }

    public void write(OutputChannel channel, byte[] bytes) {
        events.program(channel, bytes);
    }
}
