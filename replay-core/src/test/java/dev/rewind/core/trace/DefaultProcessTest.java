/*
 * DefaultProcessTest: the process a debugger opens by default (issue 13): the first, in
 * ProcessTable order, that a fault or an abort killed; else the root. A process ended by a signal
 * sent to end it (SIGTERM, SIGKILL) or by exit, or one whose end was not recorded, did not crash.
 */
package dev.rewind.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.model.WaitStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DefaultProcessTest {
    private static RecordedProcess process(int pid, Optional<WaitStatus> end, boolean root) {
        return new RecordedProcess(OptionalInt.of(pid), OptionalInt.of(1), List.of("p" + pid), end, 10,
                Path.of("/t", Integer.toString(pid)), root);
    }

    @Test
    void faultsAndAbortsAreCrashesOtherEndsAreNot() {
        for (int signal : new int[] {4, 5, 6, 7, 8, 11, 31}) {
            assertTrue(DefaultProcess.crashed(Optional.of(WaitStatus.killed(signal))), "signal " + signal);
        }
        for (int signal : new int[] {1, 2, 9, 13, 15}) {
            assertFalse(DefaultProcess.crashed(Optional.of(WaitStatus.killed(signal))), "signal " + signal);
        }
        assertFalse(DefaultProcess.crashed(Optional.of(WaitStatus.exited(139))));
        assertFalse(DefaultProcess.crashed(Optional.empty()));
    }

    @Test
    void theFirstCrashedIsChosenElseTheRoot() {
        RecordedProcess root = process(10, Optional.of(WaitStatus.killed(15)), true);
        RecordedProcess fine = process(11, Optional.of(WaitStatus.exited(1)), false);
        RecordedProcess aborted = process(12, Optional.of(WaitStatus.killed(6)), false);
        RecordedProcess segv = process(13, Optional.of(WaitStatus.killed(11)), false);
        DefaultProcess.Choice two = DefaultProcess.choose(List.of(root, fine, aborted, segv));
        assertEquals(aborted, two.opened());
        assertEquals(List.of(aborted, segv), two.crashed());
        DefaultProcess.Choice none = DefaultProcess.choose(List.of(root, fine));
        assertEquals(root, none.opened());
        assertTrue(none.crashed().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> DefaultProcess.choose(List.of(fine)));
    }
}
