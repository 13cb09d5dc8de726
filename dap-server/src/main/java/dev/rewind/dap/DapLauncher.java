/*
 * DapLauncher: lsp4j's DAP launcher for the server, with Rewind's own frame reader (DapFrameReader:
 * bad frames are answered or reported, never silently swallowed) and clean errors: a request for
 * a method the server does not have, a request whose arguments cannot be read into their types,
 * and a request method that throws all answer a DAP error without a stack trace (CleanErrors).
 */
package dev.rewind.dap;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import org.eclipse.lsp4j.jsonrpc.debug.DebugRemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

final class DapLauncher {
    private DapLauncher() {
    }

    /** A launcher serving {@code server} on {@code in}/{@code out}; reading problems go to {@code problems}. */
    static Launcher<IDebugProtocolClient> create(RewindDebugServer server, InputStream in, OutputStream out,
                                                  ExecutorService readers, Function<MessageConsumer, MessageConsumer> gate,
                                                  DapFrameReader.Problems problems) {
        Builder builder = new Builder(in, problems);
        builder.setLocalService(server).setRemoteInterface(IDebugProtocolClient.class).setInput(in).setOutput(out)
                .setExecutorService(readers).wrapMessages(gate).setExceptionHandler(CleanErrors::of);
        return builder.create();
    }

    /** lsp4j's DAP builder with our endpoint and reader in place of its own. */
    private static final class Builder extends DebugLauncher.Builder<IDebugProtocolClient> {
        private final InputStream in;
        private final DapFrameReader.Problems problems;
        private MessageJsonHandler json;
        private CleanEndpoint endpoint;

        Builder(InputStream in, DapFrameReader.Problems problems) {
            this.in = in;
            this.problems = problems;
        }

        @Override
        protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
            MessageConsumer outgoing = wrapMessageConsumer(new StreamMessageConsumer(output, jsonHandler));
            Set<String> methods = ServiceEndpoints.getSupportedMethods(RewindDebugServer.class).keySet();
            endpoint = new CleanEndpoint(outgoing, ServiceEndpoints.toEndpoint(localServices), methods);
            jsonHandler.setMethodProvider(endpoint);
            endpoint.setJsonHandler(jsonHandler);
            json = jsonHandler;
            return endpoint;
        }

        @Override
        protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer ignored, MessageConsumer consumer,
                                                                    IDebugProtocolClient remoteProxy) {
            return new ConcurrentMessageProcessor(new DapFrameReader(in, json, endpoint, problems), consumer);
        }
    }

    /** The remote endpoint, answering unknown and unreadable requests with clean DAP errors. */
    private static final class CleanEndpoint extends DebugRemoteEndpoint {
        private static final Logger LOG = Logger.getLogger(CleanEndpoint.class.getName());
        private final MessageConsumer out;
        private final Set<String> methods;

        CleanEndpoint(MessageConsumer out, Endpoint local, Set<String> methods) {
            super(out, local, CleanErrors::of);
            this.out = out;
            this.methods = methods;
        }

        @Override
        protected void handleRequest(RequestMessage request) {
            if (request.getMethod() != null && methods.contains(request.getMethod())) {
                super.handleRequest(request);
                return;
            }
            String why = "the request '" + request.getMethod() + "' is not supported by rewind";
            answer(request, RequestDispatcher.error(DapError.UNSUPPORTED_REQUEST, why).getResponseError());
        }

        @Override
        protected void handleRequestIssues(RequestMessage request, List<MessageIssue> issues) {
            MessageIssue first = issues.get(0);
            String problem = first.getCause() != null ? CleanErrors.describe(first.getCause())
                    : CleanErrors.clean(first.getText());
            answer(request, CleanErrors.malformed(request.getMethod(), problem));
        }

        private void answer(RequestMessage request, ResponseError error) {
            if (request.getRawId() == null) {
                LOG.log(Level.WARNING, "a request without seq cannot be answered: " + error.getMessage());
                return;
            }
            out.consume(createErrorResponseMessage(request, error));
        }
    }
}
