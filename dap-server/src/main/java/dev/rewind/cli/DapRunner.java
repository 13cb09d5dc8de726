/*
 * DapRunner: `rewind dap`: serves the Debug Adapter Protocol on stdio (stdout then carries only
 * DAP: anything else printed goes to stderr), or for one client of this user on 127.0.0.1:PORT or
 * a Unix socket (other users are refused with a line on stderr). Agents get
 * /dev/null as stdin, so neither they nor the recorded program can read the protocol's input.
 */
package dev.rewind.cli;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.AgentLocator;
import dev.rewind.dap.DapListeners;
import dev.rewind.dap.DapServer;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;

final class DapRunner {
    private final CliContext ctx;

    DapRunner(CliContext ctx) {
        this.ctx = ctx;
    }

    int run(Command.Dap cmd) throws CliFailure {
        AgentLaunch launch;
        try {
            launch = AgentLaunch.inheritIO(AgentLocator.locate()).withStdin(Redirect.from(new File("/dev/null")));
        } catch (AgentException e) {
            throw AgentFailures.toCliFailure(e);
        }
        DapServer server = new DapServer(launch);
        try {
            if (cmd.port().isPresent()) {
                DapListeners.servePort(server, cmd.port().getAsInt(),
                        port -> notice("DAP server listening on 127.0.0.1:" + port), this::notice);
            } else if (cmd.socket().isPresent()) {
                DapListeners.serveSocket(server, Path.of(cmd.socket().get()),
                        path -> notice("DAP server listening on the Unix socket " + path), this::notice);
            } else {
                FileOutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
                // Nothing but DAP may reach stdout: stray prints go to stderr from here on.
                System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
                server.serve(new FileInputStream(FileDescriptor.in), protocolOut);
            }
        } catch (IOException e) {
            throw new CliFailure("the DAP server failed: " + IoMessages.describe(e), ExitStatus.REWIND_FAILED, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted", ExitStatus.INTERRUPTED, e);
        }
        return ExitStatus.OK;
    }

    /** One line on stderr, at once (an editor or script may be waiting for it). */
    private void notice(String line) {
        ctx.err().println("rewind: " + line);
        ctx.err().flush();
    }
}
