/*
 * ThreadsHandler: the threads of the replayed process at the current moment (ThreadView): one,
 * named after the program, for a single-threaded recording; else every live thread, by its
 * recorded tid and name.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentException;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;

public final class ThreadsHandler implements RequestHandler<Void, ThreadsResponse> {
    @Override
    public String command() {
        return "threads";
    }

    @Override
    public ThreadsResponse handle(Void args, DebugContext ctx) throws DapException {
        Map<Integer, String> threads;
        try {
            threads = ctx.threads().threads();
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot list the threads: " + e.getMessage(), e);
        }
        List<Thread> out = new ArrayList<>();
        threads.forEach((id, name) -> {
            Thread t = new Thread();
            t.setId(id);
            t.setName(name);
            out.add(t);
        });
        ThreadsResponse response = new ThreadsResponse();
        response.setThreads(out.toArray(new Thread[0]));
        return response;
    }
}
