/*
 * AgentRendezvousTest: the real rewind-agent removes its socket's name and private folder itself,
 * once it has connected or failed to, so a JVM killed while the agent starts leaves nothing in the
 * temporary folder. Here the Java side never deletes them: only the agent can have.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.agent.AgentLocator;
import java.lang.ProcessBuilder.Redirect;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AgentRendezvousTest {
    @TempDir
    Path tmp;

    private Process startAgent(Path socket) throws Exception {
        return new ProcessBuilder(AgentLocator.locate().toString(), "--connect", socket.toString())
                .redirectInput(Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
    }

    /** Waits up to 20 s for {@code folder} to disappear; true if it did. */
    private static boolean gone(Path folder) throws InterruptedException {
        for (int i = 0; i < 400 && Files.exists(folder); i++) {
            Thread.sleep(50);
        }
        return !Files.exists(folder);
    }

    @Test
    void aConnectedAgentRemovesTheSocketAndItsFolder() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("rewind-rendezvous"));
        Path socket = folder.resolve("agent.sock");
        Process agent = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket), 1);
            agent = startAgent(socket);
            try (SocketChannel channel = server.accept()) {
                assertTrue(gone(folder), "the agent removed its rendezvous folder after connecting");
            }
            // The connection closed before HELLO: the agent ends by itself.
            assertTrue(agent.waitFor(20, TimeUnit.SECONDS), "the agent ended when its connection closed");
        } finally {
            if (agent != null) {
                agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anAgentThatCannotConnectStillRemovesThem() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("rewind-stale"));
        Path socket = folder.resolve("agent.sock");
        // A socket name nobody listens on any more: what a JVM killed before accepting leaves.
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket), 1);
        server.close();
        assertTrue(Files.exists(socket));
        Process agent = startAgent(socket);
        try {
            assertTrue(agent.waitFor(20, TimeUnit.SECONDS), "the agent gave up");
            assertNotEquals(0, agent.exitValue());
            assertFalse(Files.exists(folder), "the stale socket and its folder are gone");
        } finally {
            agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFolderOfAnotherNameIsLeftAlone() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("mine"));
        Path socket = folder.resolve("agent.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket), 1);
        server.close();
        Process agent = startAgent(socket);
        try {
            assertTrue(agent.waitFor(20, TimeUnit.SECONDS));
            assertEquals(false, Files.exists(socket), "the socket name is removed");
            assertTrue(Files.isDirectory(folder), "a folder not named rewind-* stays");
        } finally {
            agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
