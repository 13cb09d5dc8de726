/*
 * ChannelStreams: an input and an output stream over one blocking SocketChannel that do not wait for
 * each other. The JDK's Channels.newInputStream/newOutputStream both hold the channel's blocking
 * lock while they run, so a read blocked waiting for the agent's reply would also hold up a write
 * from another thread (PAUSE while a RESUME runs); the channel's own read and write have separate
 * locks.
 */
package dev.rewind.core.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;

final class ChannelStreams {
    private ChannelStreams() {
    }

    static InputStream input(SocketChannel channel) {
        Objects.requireNonNull(channel, "channel");
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                return channel.read(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    static OutputStream output(SocketChannel channel) {
        Objects.requireNonNull(channel, "channel");
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
