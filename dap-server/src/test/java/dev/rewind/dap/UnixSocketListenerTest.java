/*
 * UnixSocketListenerTest: the socket file is 0600 and a socket, our own connection's peer is our
 * user, the file is removed at close; an existing regular file, folder or link at the path is
 * refused and left alone, a socket nobody listens on is replaced, a live one is refused.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class UnixSocketListenerTest {
    @TempDir
    Path tmp;

    @Test
    void theSocketIsPrivateChecksItsPeerAndGoesAwayAtClose() throws Exception {
        Path path = tmp.resolve("dap.sock");
        try (UnixSocketListener listener = UnixSocketListener.create(path)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
                    LinkOption.NOFOLLOW_LINKS)));
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            assertEquals(0140000, mode & 0170000, "a socket");
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                 SocketChannel accepted = listener.accept()) {
                assertTrue(listener.isOwner(UnixSocketListener.peer(accepted).orElseThrow()));
            }
            try (var entries = Files.list(tmp)) {
                assertEquals(1, entries.count(), "the private folder it was made in is gone");
            }
        }
        assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "removed at close");
    }

    @Test
    void anythingButADeadSocketAtThePathIsRefusedAndLeftAlone() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "keep me");
        assertTrue(refused(file).contains("is not a socket"));
        assertEquals("keep me", Files.readString(file));
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        assertTrue(refused(dir).contains("is not a socket"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("nowhere"));
        assertTrue(refused(link).contains("is not a socket"));
        assertTrue(Files.isSymbolicLink(link));
        Path live = tmp.resolve("live.sock");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(live));
            assertTrue(refused(live).contains("another server is listening"));
        }
        Files.deleteIfExists(live);
    }

    @Test
    void aSocketLeftByADeadServerIsReplaced() throws Exception {
        Path path = tmp.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "closing a bound socket leaves its file");
        try (UnixSocketListener listener = UnixSocketListener.create(path)) {
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                 SocketChannel accepted = listener.accept()) {
                assertTrue(accepted.isConnected());
            }
        }
    }

    @Test
    void aPathTooLongForASocketIsRefusedClearly() {
        Path longPath = tmp.resolve("x".repeat(120));
        assertTrue(refused(longPath).contains("longer than"));
    }

    private static String refused(Path path) {
        return assertThrows(IOException.class, () -> UnixSocketListener.create(path).close()).getMessage();
    }
}
