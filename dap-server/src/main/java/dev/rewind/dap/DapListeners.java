/*
 * DapListeners: serves one DAP client of this process's own user, on 127.0.0.1:PORT or on a Unix
 * socket. Anyone else who connects is refused: the connection is closed before a byte is read, a
 * line says so (notices), and listening goes on for the real client. On the loopback port the
 * peer's user comes from the kernel's socket table (LoopbackOwners); on the Unix socket from
 * SO_PEERCRED (and the socket file is 0600 besides). A connection of our own user that closes
 * before sending anything (a probe, a port check) is not the client either: listening goes on.
 * Invariant: no request from a refused connection is ever read, so none can run.
 */
package dev.rewind.dap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

public final class DapListeners {
    private DapListeners() {
    }

    /** Listens on 127.0.0.1:port (0: any free port, announced to {@code announce}) and serves one client. */
    public static void servePort(DapServer server, int port, Consumer<Integer> announce, Consumer<String> notices)
            throws IOException, InterruptedException {
        int ourUid = LoopbackOwners.ownUid();
        try (ServerSocket listener = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            announce.accept(listener.getLocalPort());
            while (true) {
                try (Socket client = listener.accept()) {
                    InetSocketAddress peer = (InetSocketAddress) client.getRemoteSocketAddress();
                    OptionalInt owner = LoopbackOwners.ownerOf(peer, (InetSocketAddress) client.getLocalSocketAddress());
                    if (owner.isEmpty() || owner.getAsInt() != ourUid) {
                        notices.accept("refused a connection from " + peer.getAddress().getHostAddress() + ":"
                                + peer.getPort() + ": " + (owner.isEmpty() ? "its owner cannot be told"
                                : "it belongs to uid " + owner.getAsInt() + ", not to uid " + ourUid)
                                + "; still listening");
                        continue;
                    }
                    if (serveIfItSpeaks(server, client.getInputStream(), client.getOutputStream())) {
                        return;
                    }
                }
            }
        }
    }

    /** Listens on a Unix socket at {@code path} (mode 0600, see UnixSocketListener) and serves one client. */
    public static void serveSocket(DapServer server, Path path, Consumer<Path> announce, Consumer<String> notices)
            throws IOException, InterruptedException {
        try (UnixSocketListener listener = UnixSocketListener.create(path)) {
            Thread cleanup = new Thread(() -> closeQuietly(listener), "rewind-socket-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup); // removes the socket file on Ctrl-C or SIGTERM too
            try {
                announce.accept(listener.path());
                while (true) {
                    try (SocketChannel client = listener.accept()) {
                        Optional<UserPrincipal> peer = UnixSocketListener.peer(client);
                        if (peer.isEmpty() || !listener.isOwner(peer.get())) {
                            notices.accept("refused a connection on " + listener.path() + " from "
                                    + peer.map(p -> "user " + p.getName()).orElse("an unknown user") + "; still listening");
                            continue;
                        }
                        if (serveIfItSpeaks(server, channelInput(client), channelOutput(client))) {
                            return;
                        }
                    }
                }
            } finally {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
    }

    /** Serves the connection unless it ends before its first byte; true when it was served. */
    private static boolean serveIfItSpeaks(DapServer server, InputStream in, OutputStream out)
            throws IOException, InterruptedException {
        PushbackInputStream input = new PushbackInputStream(in, 1);
        int first = input.read();
        if (first < 0) {
            return false;
        }
        input.unread(first);
        server.serve(input, out);
        return true;
    }

    private static void closeQuietly(UnixSocketListener listener) {
        try {
            listener.close();
        } catch (IOException e) {
            System.err.println("rewind: could not remove " + listener.path() + ": " + e.getMessage());
        }
    }

    /**
     * The channel's bytes as a stream. Not Channels.newInputStream: its streams lock the channel
     * for each read and write, so a blocked read would stop every response from going out.
     */
    static InputStream channelInput(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    static OutputStream channelOutput(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }

            @Override
            public void close() throws IOException {
                channel.shutdownOutput();
            }
        };
    }
}
