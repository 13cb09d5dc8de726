/*
 * DapServer: serves the Debug Adapter Protocol over a pair of streams: stdio, one connection
 * (DapListeners: 127.0.0.1 or a Unix socket, our own user only), or pipes (tests). Builds the lsp4j
 * launcher with the gate that lets the dispatcher order responses before events, and cleans the
 * session up when the client goes away or sends what cannot be read.
 */
package dev.rewind.dap;

import dev.rewind.core.agent.AgentLaunch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;

public final class DapServer {
    private static final Logger LOG = Logger.getLogger(DapServer.class.getName());

    private final DebugContext ctx;
    private final RequestDispatcher dispatcher;
    private final RewindDebugServer server;

    /** @param agentLaunch how to start agents (their output is piped, never sent to our streams) */
    public DapServer(AgentLaunch agentLaunch) {
        this.ctx = new DebugContext(agentLaunch);
        this.dispatcher = new RequestDispatcher(Handlers.ALL, ctx);
        this.ctx.attach(dispatcher);
        this.server = new RewindDebugServer(dispatcher);
    }

    /**
     * Starts serving {@code in}/{@code out}; the future completes when the input ends or cannot be
     * read any further (then an "important" output event has said why).
     */
    /** The server's debugging context (for tests in this package: its session, its counters). */
    DebugContext context() {
        return ctx;
    }

    public Future<Void> start(InputStream in, OutputStream out) {
        Launcher<IDebugProtocolClient> launcher = DapLauncher.create(server, in, out,
                Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "rewind-dap-reader");
                    t.setDaemon(true);
                    return t;
                }), this::gate, new ReadingProblems());
        ctx.connect(launcher.getRemoteProxy());
        return launcher.startListening();
    }

    /** Serves until the client closes the connection or sends what cannot be read; then ends the session. */
    public void serve(InputStream in, OutputStream out) throws InterruptedException {
        Future<Void> listening = start(in, out);
        try {
            listening.get();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "the connection to the client failed", e.getCause());
            ctx.log("rewind: the connection to the client failed: " + CleanErrors.describe(e.getCause()));
        } finally {
            close();
            try {
                out.close(); // the client sees the connection end
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the connection", e);
            }
        }
    }

    /** Ends the debugging session (killing the replay) and the engine thread. */
    public void close() {
        ctx.interrupt();
        dispatcher.shutdown();
    }

    /** Frames the reader skipped go to the debug console; an unreadable stream is announced, then closed. */
    private final class ReadingProblems implements DapFrameReader.Problems {
        @Override
        public void skipped(String why) {
            LOG.warning(why);
            ctx.log("rewind: " + why);
        }

        @Override
        public void unreadable(String why) {
            String message = "rewind: the DAP connection cannot be read any further (" + why + "); closing it";
            LOG.severe(message);
            ctx.output().important(message);
        }
    }

    /** Incoming messages: once lsp4j has handled one (and attached its response callbacks), release its job. */
    private MessageConsumer gate(MessageConsumer next) {
        if (!(next instanceof RemoteEndpoint)) {
            return next;
        }
        return message -> {
            try {
                next.consume(message);
            } finally {
                dispatcher.release();
            }
        };
    }
}
