/*
 * FakeAgent: a stand-in for native/build/rewind-agent, run in its own JVM by AgentClientTest through
 * a small script: `fake-agent MODE --connect SOCKET`. It speaks the wire protocol (through WireCodec)
 * and misbehaves on demand, so the client's handling of every outcome can be tested without C.
 */
package dev.rewind.core.agent;

import dev.rewind.core.model.WaitStatus;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

public final class FakeAgent {
    private FakeAgent() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (!args[1].equals("--connect")) {
            System.exit(64);
        }
        Path socket = Path.of(args[2]);
        if (mode.equals("die-early")) {
            System.exit(3);
        }
        // The socket's modes as the agent finds them (the client removes its folder once connected).
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)) + " "
                + PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()));
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            InputStream in = Channels.newInputStream(channel);
            OutputStream out = Channels.newOutputStream(channel);
            WireMessage hello = WireCodec.read(in);
            if (mode.equals("silent")) {
                Thread.sleep(60_000);
                return;
            }
            if (!(hello instanceof WireMessage.Hello h) || !h.client().equals("rewind-java")) {
                WireCodec.write(out, new WireMessage.Error(1, "expected HELLO, got " + hello));
                return;
            }
            if (mode.equals("old")) {
                WireCodec.write(out, new WireMessage.Error(2, "protocol version mismatch (agent speaks 2)"));
                return;
            }
            WireCodec.write(out, new WireMessage.HelloOk(WireCodec.PROTOCOL_VERSION, "fake-0.0"));
            serve(mode, socket, perms, in, out);
        }
    }

    private static void serve(String mode, Path socket, String perms, InputStream in, OutputStream out)
            throws Exception {
        while (true) {
            WireMessage request = WireCodec.read(in);
            if (request == null || request instanceof WireMessage.Bye) {
                System.exit(0);
            }
            if (mode.equals("die-mid")) {
                System.exit(9);
            }
            if (request instanceof WireMessage.Record r) {
                WireCodec.write(out, new WireMessage.Started(1234));
                // The message reports what the client cannot see: where its socket was, and its modes.
                WireCodec.write(out, new WireMessage.Finished(WaitStatus.exited(1), r.argv().size(), true,
                        socket.getParent() + " " + perms + " " + r.program()));
            } else if (request instanceof WireMessage.Replay r) {
                if (r.traceDir().equals("/bad")) {
                    WireCodec.write(out, new WireMessage.Error(4, "trace header is corrupted"));
                    continue;
                }
                WireCodec.write(out, new WireMessage.Started(99));
                System.out.println("replayed output");
                System.out.flush();
                WireCodec.write(out, new WireMessage.Finished(WaitStatus.killed(11), 7, true, ""));
            } else {
                WireCodec.write(out, new WireMessage.Error(1, "unexpected " + request));
            }
        }
    }
}
