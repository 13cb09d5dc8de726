/*
 * UnixSocketListener: a Unix-domain socket at a path of the user's choice that only its owner can
 * use: the socket file has mode 0600 from the moment it appears at the path (it is made in a
 * private 0700 folder beside it, set to 0600, then hard-linked into place, which also never
 * replaces anything that appeared meanwhile), and every connection's peer credentials
 * (SO_PEERCRED) are checked against this process's user.
 *
 * An existing file at the path is replaced only when it is a socket nobody listens on (left by a
 * server that died); anything else (a regular file, a folder, a link, a live socket) is refused.
 * close() removes the socket file, if it is still the one this listener made.
 */
package dev.rewind.dap;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

public final class UnixSocketListener implements AutoCloseable {
    /** sun_path holds 108 bytes with the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final ServerSocketChannel server;
    private final Object fileKey;
    private final UserPrincipal owner;

    private UnixSocketListener(Path path, ServerSocketChannel server, Object fileKey, UserPrincipal owner) {
        this.path = path;
        this.server = server;
        this.fileKey = fileKey;
        this.owner = owner;
    }

    /** Listens at {@code requested} (see the class comment for what may be replaced). */
    public static UnixSocketListener create(Path requested) throws IOException {
        Path path = requested.toAbsolutePath().normalize();
        if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IOException("the socket path " + path + " is longer than the " + MAX_PATH_BYTES
                    + " bytes a Unix socket path can have");
        }
        Path parent = path.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException("no such folder: " + parent);
        }
        removeStaleSocket(path);
        UserPrincipal owner = Files.getOwner(Path.of("/proc/self"));
        Path privateDir = Files.createTempDirectory(parent, ".rewind-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path made = privateDir.resolve("s");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(made));
            Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rw-------"));
            Files.createLink(path, made); // fails if anything appeared at path meanwhile
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new UnixSocketListener(path, server, key, owner);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        } finally {
            Files.deleteIfExists(made);
            Files.deleteIfExists(privateDir);
        }
    }

    public Path path() {
        return path;
    }

    /** The next connection and its peer's user; the caller refuses those not of {@link #isOwner}. */
    public SocketChannel accept() throws IOException {
        return server.accept();
    }

    /** The user at the other end of {@code client} (SO_PEERCRED). */
    public static Optional<UserPrincipal> peer(SocketChannel client) throws IOException {
        UnixDomainPrincipal p = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return Optional.ofNullable(p).map(UnixDomainPrincipal::user);
    }

    /** True when {@code user} is the user this process runs as. */
    public boolean isOwner(UserPrincipal user) {
        return owner.equals(user);
    }

    /** Stops listening and removes the socket file if it is still ours. */
    @Override
    public void close() throws IOException {
        server.close();
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (fileKey != null && fileKey.equals(now.fileKey())) {
                Files.delete(path);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // someone removed it already: nothing to clean up
        }
    }

    /** Removes a socket nobody listens on at {@code path}; refuses anything else there. */
    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(path + " exists and is not a socket: refusing to replace it");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new IOException(path + " is a socket another server is listening on: refusing to replace it");
        } catch (ConnectException e) {
            Files.delete(path); // a socket left by a server that is gone
        }
    }
}
