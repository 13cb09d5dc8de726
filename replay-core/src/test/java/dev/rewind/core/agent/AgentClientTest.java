/*
 * AgentClientTest: the client against FakeAgent: handshake, RECORD and REPLAY results, ERROR as
 * AgentException, an agent that dies before connecting or in the middle of a request, an agent that
 * never answers, and a private socket folder (0700, the socket 0600) that is gone once the agent has
 * connected.
 */
package dev.rewind.core.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.model.WaitStatus;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentClientTest {
    @TempDir
    Path tmp;

    /** A launcher script running FakeAgent in MODE with this test's classpath. */
    private AgentLaunch fake(String mode) throws Exception {
        String cp = codeSource(WireCodec.class) + File.pathSeparator + codeSource(FakeAgent.class);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = tmp.resolve("fake-agent-" + mode);
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
                + " -cp '" + cp + "' " + FakeAgent.class.getName() + " " + mode + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new AgentLaunch(script, Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT, Duration.ofSeconds(20));
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void recordsAndReplaysThenCleansUp() throws Exception {
        Path out = tmp.resolve("out.txt");
        AgentLaunch launch = fake("normal").withOutputTo(out, tmp.resolve("err.txt"));
        String[] report;
        try (AgentClient agent = AgentClient.start(launch)) {
            assertEquals("fake-0.0", agent.agentVersion());
            RunResult rec = agent.record(new RecordRequest(tmp.resolve("t"), Path.of("/bin/echo"),
                    List.of("echo", "hi"), Path.of("/"), List.of("A=1")));
            assertEquals(OptionalInt.of(1234), rec.pid());
            assertEquals(WaitStatus.exited(1), rec.status());
            assertEquals(2, rec.eventCount());
            assertTrue(rec.complete());
            report = rec.message().split(" ");
            assertEquals("rw-------", report[1], "socket mode");
            assertEquals("rwx------", report[2], "socket folder mode");
            assertEquals("/bin/echo", report[3]);
            assertFalse(Files.exists(Path.of(report[0])), "socket folder removed once the agent connected");

            RunResult replay = agent.replay(Path.of("/some/trace"));
            assertEquals(WaitStatus.killed(11), replay.status());
            assertEquals(7, replay.eventCount());

            AgentException e = assertThrows(AgentException.class, () -> agent.replay(Path.of("/bad")));
            assertEquals(AgentErrorCode.TRACE_UNREADABLE, e.code());
            assertEquals("trace header is corrupted", e.getMessage());
            // still connected after an ERROR
            assertEquals(7, agent.replay(Path.of("/again")).eventCount());
        }
        assertFalse(Files.exists(Path.of(report[0])), "socket folder removed");
        assertEquals("replayed output\nreplayed output\n", Files.readString(out));
    }

    @Test
    void agentDyingBeforeConnectingIsReported() throws Exception {
        AgentException e = assertThrows(AgentException.class, () -> AgentClient.start(fake("die-early")));
        assertEquals(AgentErrorCode.AGENT_LOST, e.code());
        assertEquals("rewind-agent exited with status 3 unexpectedly", e.getMessage());
        assertEquals(OptionalInt.of(3), e.agentExitValue());
    }

    @Test
    void agentDyingDuringARequestIsReported() throws Exception {
        try (AgentClient agent = AgentClient.start(fake("die-mid"))) {
            AgentException e = assertThrows(AgentException.class, () -> agent.replay(Path.of("/t")));
            assertEquals(AgentErrorCode.AGENT_LOST, e.code());
            assertEquals("rewind-agent exited with status 9 unexpectedly", e.getMessage());
        }
    }

    @Test
    void handshakeErrorsAndSilenceAreReported() throws Exception {
        AgentException old = assertThrows(AgentException.class, () -> AgentClient.start(fake("old")));
        assertEquals(AgentErrorCode.VERSION_MISMATCH, old.code());

        AgentLaunch silent = fake("silent");
        AgentLaunch quick = new AgentLaunch(silent.agent(), silent.stdin(), silent.stdout(), silent.stderr(),
                Duration.ofSeconds(3));
        AgentException e = assertThrows(AgentException.class, () -> AgentClient.start(quick));
        assertEquals(AgentErrorCode.AGENT_LOST, e.code());
        assertTrue(e.getMessage().startsWith("rewind-agent did not answer HELLO within"), e.getMessage());
    }

    @Test
    void missingAgentBinaryIsReported() {
        AgentLaunch none = AgentLaunch.inheritIO(tmp.resolve("no-such-agent"));
        AgentException e = assertThrows(AgentException.class, () -> AgentClient.start(none));
        assertEquals(AgentErrorCode.AGENT_NOT_FOUND, e.code());
    }
}
