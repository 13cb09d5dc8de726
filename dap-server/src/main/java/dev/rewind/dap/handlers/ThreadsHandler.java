/*
 * ThreadsHandler: the replayed process is single-threaded: one thread, named after the program.
 */
package dev.rewind.dap.handlers;

import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import dev.rewind.dap.StopReporter;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;

public final class ThreadsHandler implements RequestHandler<Void, ThreadsResponse> {
    @Override
    public String command() {
        return "threads";
    }

    @Override
    public ThreadsResponse handle(Void args, DebugContext ctx) throws DapException {
        ctx.session();
        Thread t = new Thread();
        t.setId(StopReporter.THREAD_ID);
        t.setName(ctx.programName());
        ThreadsResponse response = new ThreadsResponse();
        response.setThreads(new Thread[] {t});
        return response;
    }
}
