/*
 * ExitStatusTest: rewind exits as the recorded program did: its exit code, or 128+N for signal N.
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.WaitStatus;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExitStatusTest {
    @Test
    void programStatuses() {
        assertEquals(0, ExitStatus.of(WaitStatus.exited(0)));
        assertEquals(42, ExitStatus.of(WaitStatus.exited(42)));
        assertEquals(255, ExitStatus.of(new WaitStatus(0xff00)));
        assertEquals(139, ExitStatus.of(new WaitStatus(11 | 0x80)));
        assertEquals(137, ExitStatus.of(WaitStatus.killed(9)));
        assertEquals(130, ExitStatus.of(WaitStatus.killed(2)));
    }

    @Test
    void agentFailures() {
        assertEquals(126, AgentFailures.toCliFailure(
                new AgentException(AgentErrorCode.CANNOT_START_PROGRAM, "bad format")).exitStatus());
        assertEquals(125, AgentFailures.toCliFailure(
                new AgentException(AgentErrorCode.REPLAY_DIVERGED, "replay diverged at event 3")).exitStatus());
        assertEquals(125, AgentFailures.toCliFailure(
                new AgentException(AgentErrorCode.AGENT_NOT_FOUND, "cannot find rewind-agent")).exitStatus());
        assertEquals(130, AgentFailures.toCliFailure(new AgentException(AgentErrorCode.AGENT_LOST, "gone",
                OptionalInt.of(130), null)).exitStatus());
    }
}
