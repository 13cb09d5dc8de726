/*
 * StreamPump: copies what a child process writes to one of its pipes to an OutputListener, on a
 * daemon thread, until the pipe closes.
 */
package dev.rewind.core.session;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

final class StreamPump {
    private final Thread thread;
    private volatile IOException failure;

    private StreamPump(InputStream in, OutputChannel channel, OutputListener listener, String name) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(listener, "listener");
        thread = new Thread(() -> copy(in, channel, listener), name);
        thread.setDaemon(true);
    }

    static StreamPump start(InputStream in, OutputChannel channel, OutputListener listener, String name) {
        StreamPump p = new StreamPump(in, channel, listener, name);
        p.thread.start();
        return p;
    }

    private void copy(InputStream in, OutputChannel channel, OutputListener listener) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                listener.output(channel, Arrays.copyOf(buf, n));
            }
        } catch (IOException e) {
            // The pipe broke (the process was killed): that ends the output like an end of stream.
            failure = e;
        }
    }

    /** Waits up to {@code millis} for the pipe to close; true when everything was copied. */
    boolean await(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive() && failure == null;
    }
}
