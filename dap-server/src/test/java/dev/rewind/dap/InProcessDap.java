/*
 * InProcessDap: a real DapServer in this JVM, joined to a DapTestClient by two pipes; the server
 * drives the real rewind-agent (native/build/rewind-agent).
 */
package dev.rewind.dap;

import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.AgentLocator;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

final class InProcessDap {
    private InProcessDap() {
    }

    static DapTestClient start() throws Exception {
        return start(AgentLocator.locate());
    }

    /** A server that starts {@code agent} as its rewind-agent (a wrapper of the real one, say). */
    static DapTestClient start(java.nio.file.Path agent) throws Exception {
        AgentLaunch launch = AgentLaunch.inheritIO(agent).withStdin(Redirect.from(new File("/dev/null")));
        DapServer server = new DapServer(launch);
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        Future<Void> serving = server.start(Channels.newInputStream(toServer.source()),
                Channels.newOutputStream(toClient.sink()));
        DapTestClient client = DapTestClient.connect(Channels.newInputStream(toClient.source()), Channels.newOutputStream(toServer.sink()),
                () -> {
                    // As a client hanging up: the server sees the end of its input, then its output ends.
                    toServer.sink().close();
                    try {
                        serving.get(10, TimeUnit.SECONDS);
                    } finally {
                        server.close();
                        toClient.sink().close();
                    }
                });
        client.attach(server);
        return client;
    }
}
