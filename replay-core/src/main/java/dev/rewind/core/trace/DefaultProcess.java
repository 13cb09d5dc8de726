/*
 * DefaultProcess: which process of a recording a debugger opens when the user names none (issue
 * 13): the first that crashed, else the root. "Crashed" means killed by a signal a fault or an
 * abort raises (SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGSYS), not one sent to end it
 * (SIGTERM, SIGKILL, SIGINT...). The trace keeps no global order of the processes' ends, so
 * "first" is in ProcessTable order (the root, then by pid: `rewind ps` order); every crashed
 * process is listed so that the user is told when there was more than one.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.WaitStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

public final class DefaultProcess {
    /** SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGSYS. */
    private static final Set<Integer> CRASH_SIGNALS = Set.of(4, 5, 6, 7, 8, 11, 31);

    /**
     * @param opened  the process to open
     * @param crashed every process that crashed, in ProcessTable order (opened is the first when
     *                it is not empty)
     */
    public record Choice(RecordedProcess opened, List<RecordedProcess> crashed) {
        public Choice {
            Objects.requireNonNull(opened, "opened");
            crashed = List.copyOf(crashed);
        }
    }

    private DefaultProcess() {
    }

    /** The choice among {@code processes} (ProcessTable.read's list: the root first, never empty). */
    public static Choice choose(List<RecordedProcess> processes) {
        if (processes.isEmpty() || !processes.get(0).root()) {
            throw new IllegalArgumentException("a recording's process list starts with its root");
        }
        List<RecordedProcess> crashed = processes.stream().filter(p -> crashed(p.end())).toList();
        return new Choice(crashed.isEmpty() ? processes.get(0) : crashed.get(0), crashed);
    }

    /** Whether a process that ended so was killed by a fault or an abort. */
    public static boolean crashed(Optional<WaitStatus> end) {
        return end.isPresent() && end.get().isSignaled() && CRASH_SIGNALS.contains(end.get().termSignal());
    }
}
