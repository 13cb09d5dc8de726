/*
 * RewindServerApi: the server as the test client sees it: lsp4j's requests plus Rewind's own
 * (rewind/...), declared so that lsp4j knows how to read their responses.
 */
package dev.rewind.dap;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

interface RewindServerApi extends IDebugProtocolServer {
    @JsonRequest("rewind/position")
    CompletableFuture<Map<String, Object>> position(Map<String, Object> args);

    @JsonRequest("rewind/processes")
    CompletableFuture<Map<String, Object>> processes(Map<String, Object> args);

    @JsonRequest("rewind/hits")
    CompletableFuture<Map<String, Object>> hits(Map<String, Object> args);

    @JsonRequest("rewind/seek")
    CompletableFuture<Void> seek(Map<String, Object> args);

    @JsonRequest("rewind/reverseStepOut")
    CompletableFuture<Void> reverseStepOut(Map<String, Object> args);
}
