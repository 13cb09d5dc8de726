/*
 * TraceEvent: one nondeterministic input in a recording's event log (docs/trace-format.md, "An
 * event"). A closed family: switch over it exhaustively.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;

public sealed interface TraceEvent
        permits ExecEvent, SyscallEvent, SignalEvent, RdtscEvent, OutputEvent, ExitEvent, StopEvent,
                ThreadEvent, SyscallEnterEvent, PreemptEvent {

    /** This event's number in the log. */
    EventIndex index();

    /** True for the events that end a recording (EXIT, STOP). */
    default boolean endsRecording() {
        return this instanceof ExitEvent || this instanceof StopEvent;
    }
}
