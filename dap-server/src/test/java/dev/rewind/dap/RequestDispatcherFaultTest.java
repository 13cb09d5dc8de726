/*
 * RequestDispatcherFaultTest: a handler that dies of StackOverflowError, OutOfMemoryError or any
 * other throwable still gets its request answered with a clean error, and the engine thread lives
 * on to answer the next request. The faults are injected by handlers made for the test, run by the
 * real dispatcher on its real engine thread.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.AgentLocator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RequestDispatcherFaultTest {
    /** A handler that throws what {@code fault} makes. */
    private record Faulty(String command, Supplier<Throwable> fault) implements RequestHandler<Object, Object> {
        @Override
        public Object handle(Object arguments, DebugContext ctx) {
            Throwable t = fault.get();
            if (t instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) t;
        }
    }

    private record Fine(String command) implements RequestHandler<Object, Object> {
        @Override
        public Object handle(Object arguments, DebugContext ctx) {
            return "fine";
        }
    }

    @Test
    void whateverAHandlerThrowsIsAnsweredAndTheEngineGoesOn() throws Exception {
        DebugContext ctx = new DebugContext(AgentLaunch.inheritIO(AgentLocator.locate()));
        RequestDispatcher dispatcher = new RequestDispatcher(List.of(
                new Faulty("overflow", StackOverflowError::new),
                new Faulty("memory", () -> new OutOfMemoryError("Java heap space")),
                new Faulty("assertion", () -> new AssertionError("a broken invariant")),
                new Faulty("npe", NullPointerException::new),
                new Fine("fine")), ctx);
        ctx.attach(dispatcher);
        try {
            assertEquals("internal error in rewind while handling overflow (it ran out of stack)",
                    failure(dispatcher, "overflow"));
            assertEquals("internal error in rewind while handling memory (it ran out of memory: Java heap space)",
                    failure(dispatcher, "memory"));
            assertTrue(failure(dispatcher, "assertion").contains("a broken invariant"));
            assertTrue(failure(dispatcher, "npe").contains("NullPointerException"));
            CompletableFuture<Object> fine = dispatcher.dispatch("fine", null);
            dispatcher.release();
            assertEquals("fine", fine.get(30, TimeUnit.SECONDS), "the engine thread still runs requests");
        } finally {
            dispatcher.shutdown();
        }
    }

    private static String failure(RequestDispatcher dispatcher, String command) throws Exception {
        CompletableFuture<Object> response = dispatcher.dispatch(command, null);
        dispatcher.release();
        try {
            response.get(30, TimeUnit.SECONDS);
            throw new AssertionError(command + " succeeded");
        } catch (ExecutionException e) {
            return ((ResponseErrorException) e.getCause()).getResponseError().getMessage();
        }
    }
}
