/*
 * AgentClient: one running rewind-agent and the connection to it. Creates a private folder (0700)
 * with a Unix socket (0600), starts `rewind-agent --connect SOCKET`, accepts its connection
 * (giving up if it dies or takes too long) and removes the folder at once, then shakes hands and
 * runs RECORD and REPLAY requests, or opens one debugging session (ReplaySession) whose requests go
 * through exchange(). close() says BYE and waits for the agent to exit.
 */
package dev.rewind.core.agent;

import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Stop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

public final class AgentClient implements AutoCloseable {
    public static final String CLIENT_NAME = "rewind-java";
    private static final long EXIT_WAIT_MS = 5_000;
    /** After the agent exits, how long a blocked read may still drain the socket before it is closed. */
    private static final long CLOSE_AFTER_EXIT_MS = 1_000;

    private final Path folder;
    private final Process process;
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final String agentVersion;
    private volatile boolean closed;
    /** Frames sent to the agent so far (every request, PAUSE included). */
    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

    private AgentClient(Path folder, Process process, SocketChannel channel, String agentVersion) {
        this.folder = folder;
        this.process = process;
        this.channel = channel;
        this.in = ChannelStreams.input(channel);
        this.out = ChannelStreams.output(channel);
        this.agentVersion = agentVersion;
    }

    /** Starts the agent of {@code launch} and completes the handshake. */
    public static AgentClient start(AgentLaunch launch) throws AgentException {
        Path folder;
        try {
            folder = Files.createTempDirectory("rewind-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new AgentException(AgentErrorCode.AGENT_NOT_FOUND, "cannot create a private folder for the agent socket: "
                    + e.getMessage(), e);
        }
        Path socket = folder.resolve("agent.sock");
        Process process = null;
        SocketChannel channel = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket), 1);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            process = startProcess(launch, socket);
            channel = accept(server, process, launch.connectTimeout().toMillis());
            // Connected: the socket's name is needed no more, so nothing is left in the temporary
            // folder even if this JVM is killed (a SIGKILL runs no clean-up).
            removeFolder(folder);
            Process p = process;
            SocketChannel c = channel;
            // If the agent dies while we wait for a reply, its end of the socket may live on in a
            // child; close ours so that the read fails instead of hanging.
            process.onExit().thenRunAsync(() -> closeQuietly(c),
                    CompletableFuture.delayedExecutor(CLOSE_AFTER_EXIT_MS, TimeUnit.MILLISECONDS));
            String version = handshake(channel, p, launch.connectTimeout().toMillis());
            return new AgentClient(folder, process, channel, version);
        } catch (AgentException e) {
            cleanUp(folder, process, channel, 0);
            throw e;
        } catch (IOException e) {
            cleanUp(folder, process, channel, 0);
            throw new AgentException(AgentErrorCode.AGENT_LOST, "cannot connect to rewind-agent: " + e.getMessage(), e);
        }
    }

    /** Records {@code request}; returns how the program ended, or throws the agent's ERROR. */
    public RunResult record(RecordRequest request) throws AgentException {
        return run(request.toMessage());
    }

    /** Replays the trace in {@code traceDir}; the recorded output goes to the agent's stdout/stderr. */
    public RunResult replay(Path traceDir) throws AgentException {
        return run(new WireMessage.Replay(traceDir.toString()));
    }

    /**
     * Opens a debugging session on the recording in {@code traceDir}: the agent replays to the
     * program's first instruction. The session owns this client: closing it closes the agent too.
     */
    public ReplaySession openSession(Path traceDir, OutputListener output) throws AgentException {
        return new ReplaySession(this, open(traceDir, output), output);
    }

    /** Opens the recording in {@code traceDir} in this agent: the entry stop (OPEN's reply). */
    public Stop open(Path traceDir, OutputListener output) throws AgentException {
        WireMessage reply = exchange(new SessionRequest.Open(traceDir.toString()), output);
        if (reply instanceof SessionReply.Stopped s) {
            return s.stop();
        }
        throw unexpected(reply, "OPEN");
    }

    /**
     * How the agent process ended (its exit value, 128+N when signal N killed it), or empty while
     * it runs. A client closed by close() also reports its agent's end.
     */
    public OptionalInt exitValue() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Sends one request and returns its reply: the first message that is not OUTPUT. OUTPUT
     * messages arriving before it go to {@code output}; an ERROR reply is thrown as AgentException
     * with its code.
     */
    public synchronized WireMessage exchange(WireMessage request, OutputListener output) throws AgentException {
        if (closed) {
            throw new AgentException(AgentErrorCode.AGENT_LOST, "the connection to rewind-agent is closed");
        }
        send(request);
        while (true) {
            WireMessage reply = receive();
            if (reply instanceof SessionReply.Output o) {
                output.output(o.channel(), o.bytes());
            } else if (reply instanceof WireMessage.Error e) {
                throw new AgentException(AgentErrorCode.ofWire(e.code()), e.message());
            } else {
                return reply;
            }
        }
    }

    /**
     * Sends a message that has no reply, from any thread, also while exchange() waits for a reply
     * (PAUSE during RESUME).
     */
    public void sendWithoutReply(WireMessage message) throws AgentException {
        if (closed) {
            throw new AgentException(AgentErrorCode.AGENT_LOST, "the connection to rewind-agent is closed");
        }
        send(message);
    }

    /** The failure for a reply of the wrong kind. */
    static AgentException unexpected(WireMessage reply, String request) {
        return new AgentException(AgentErrorCode.PROTOCOL_ERROR,
                "rewind-agent answered " + request + " with an unexpected " + reply.getClass().getSimpleName());
    }

    /** The agent's stdout, when it was launched with Redirect.PIPE for it (else an empty stream). */
    public InputStream agentStdout() {
        return process.getInputStream();
    }

    /** The agent's stderr, when it was launched with Redirect.PIPE for it (else an empty stream). */
    public InputStream agentStderr() {
        return process.getErrorStream();
    }

    /**
     * Sends the agent SIGTERM, from any thread (rewind itself was sent TERM or HUP): a recording
     * passes the signal on to the program and ends with it; a replay or session ends at once.
     */
    public void terminate() {
        // through the handle: Process.destroy() would also close our ends of the agent's pipes
        process.toHandle().destroy();
    }

    /** How many frames (requests) this client has sent the agent: for tests and measurements. */
    public long requestsSent() {
        return sent.get();
    }

    /** The version the agent announced in HELLO_OK. */
    public String agentVersion() {
        return agentVersion;
    }

    /** Says BYE, waits for the agent to exit (killing it if it does not) and removes the socket folder. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process.isAlive() && channel.isOpen()) {
            try {
                WireCodec.write(out, new WireMessage.Bye());
            } catch (IOException e) {
                // the agent is gone or going: it is stopped below either way
            }
        }
        cleanUp(folder, process, channel, EXIT_WAIT_MS);
    }

    private RunResult run(WireMessage request) throws AgentException {
        if (closed) {
            throw new IllegalStateException("agent client is closed");
        }
        send(request);
        OptionalInt pid = OptionalInt.empty();
        while (true) {
            WireMessage reply = receive();
            if (reply instanceof WireMessage.Started s) {
                pid = OptionalInt.of(s.pid());
            } else if (reply instanceof WireMessage.Finished f) {
                return RunResult.of(pid, f);
            } else if (reply instanceof WireMessage.Error e) {
                throw new AgentException(AgentErrorCode.ofWire(e.code()), e.message());
            } else {
                throw new AgentException(AgentErrorCode.PROTOCOL_ERROR,
                        "rewind-agent sent an unexpected " + reply.getClass().getSimpleName() + " message");
            }
        }
    }

    private void send(WireMessage message) throws AgentException {
        try {
            // One frame at a time on the socket, whichever thread sends it.
            synchronized (out) {
                WireCodec.write(out, message);
            }
            sent.incrementAndGet();
        } catch (IOException e) {
            throw lost(process, e);
        }
    }

    private WireMessage receive() throws AgentException {
        return receive(in, process);
    }

    private static WireMessage receive(InputStream in, Process process) throws AgentException {
        try {
            WireMessage m = WireCodec.read(in);
            if (m == null) {
                throw lost(process, null);
            }
            return m;
        } catch (WireFormatException e) {
            throw new AgentException(AgentErrorCode.PROTOCOL_ERROR, "rewind-agent sent a bad frame: " + e.getMessage(), e);
        } catch (IOException e) {
            throw lost(process, e);
        }
    }

    private static Process startProcess(AgentLaunch launch, Path socket) throws AgentException {
        ProcessBuilder pb = new ProcessBuilder(launch.agent().toString(), "--connect", socket.toString())
                .redirectInput(launch.stdin())
                .redirectOutput(launch.stdout())
                .redirectError(launch.stderr());
        pb.environment().remove(AgentLaunch.CHAOS_SEED_VARIABLE); // only ever from the launch
        AgentLaunch.AGENT_VARIABLES.forEach(pb.environment()::remove);
        pb.environment().putAll(launch.environment());
        launch.chaosSeed().ifPresent(seed ->
                pb.environment().put(AgentLaunch.CHAOS_SEED_VARIABLE, Long.toUnsignedString(seed)));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new AgentException(AgentErrorCode.AGENT_NOT_FOUND, "cannot start " + launch.agent() + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the agent's connection, polling so that an agent that dies first is noticed. */
    private static SocketChannel accept(ServerSocketChannel server, Process process, long timeoutMs)
            throws IOException, AgentException {
        server.configureBlocking(false);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                SocketChannel c = server.accept();
                if (c != null) {
                    c.configureBlocking(true);
                    return c;
                }
                if (!process.isAlive()) {
                    throw lost(process, null);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AgentException(AgentErrorCode.AGENT_LOST,
                            "rewind-agent did not connect within " + timeoutMs + " ms");
                }
                selector.select(Math.min(left, 100));
                selector.selectedKeys().clear();
            }
        }
    }

    private static String handshake(SocketChannel channel, Process process, long timeoutMs) throws AgentException {
        // A live agent that never answers must not hang us: close the socket when time is up.
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(timeoutMs, TimeUnit.MILLISECONDS).execute(() -> {
            if (done.complete(null)) {
                timedOut.set(true);
                closeQuietly(channel);
            }
        });
        try {
            WireCodec.write(Channels.newOutputStream(channel),
                    new WireMessage.Hello(WireCodec.PROTOCOL_VERSION, CLIENT_NAME));
            WireMessage reply = receive(Channels.newInputStream(channel), process);
            if (reply instanceof WireMessage.HelloOk ok) {
                if (ok.protocolVersion() != WireCodec.PROTOCOL_VERSION) {
                    throw new AgentException(AgentErrorCode.VERSION_MISMATCH, "rewind-agent speaks protocol version "
                            + ok.protocolVersion() + ", this rewind " + WireCodec.PROTOCOL_VERSION);
                }
                return ok.agentVersion();
            }
            if (reply instanceof WireMessage.Error e) {
                throw new AgentException(AgentErrorCode.ofWire(e.code()), e.message());
            }
            throw new AgentException(AgentErrorCode.PROTOCOL_ERROR,
                    "rewind-agent answered HELLO with " + reply.getClass().getSimpleName());
        } catch (IOException e) {
            throw lost(process, e);
        } catch (AgentException e) {
            if (timedOut.get()) {
                throw new AgentException(AgentErrorCode.AGENT_LOST,
                        "rewind-agent did not answer HELLO within " + timeoutMs + " ms");
            }
            throw e;
        } finally {
            done.complete(null);
        }
    }

    /** The agent is gone (or silent): say how it ended if it did. */
    private static AgentException lost(Process process, Exception cause) {
        try {
            if (process.waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS)) {
                int exit = process.exitValue();
                String how = exit > 128 ? "was killed by signal " + (exit - 128) : "exited with status " + exit;
                return new AgentException(AgentErrorCode.AGENT_LOST, "rewind-agent " + how + " unexpectedly",
                        OptionalInt.of(exit), cause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new AgentException(AgentErrorCode.AGENT_LOST, "lost the connection to rewind-agent"
                + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }

    /** Stops the agent (after {@code graceMs} for it to exit by itself), closes and deletes everything. */
    private static void cleanUp(Path folder, Process process, SocketChannel channel, long graceMs) {
        closeQuietly(channel);
        if (process != null) {
            try {
                if (!process.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
                    process.destroy();
                    if (!process.waitFor(2, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        removeFolder(folder);
    }

    /** Removes the socket's private folder (again harmlessly when it is gone already). */
    private static void removeFolder(Path folder) {
        try {
            Files.deleteIfExists(folder.resolve("agent.sock"));
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // a leftover empty folder in the temp directory is harmless
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }
}
