/*
 * RequestSketchTest: a request cut short or broken is still recognised by its top-level seq, type
 * and command (so it can be answered with an error); members nested in arguments or inside
 * strings never count, and what is not a request gives nothing.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.junit.jupiter.api.Test;

class RequestSketchTest {
    @Test
    void aBrokenRequestIsRecognised() {
        RequestMessage r = RequestSketch.of("{\"seq\":5, \"type\": \"request\",\"command\":\"threads\",\"arguments\":{\"x\":[[[")
                .orElseThrow();
        assertEquals("5", r.getId());
        assertEquals("threads", r.getMethod());
        RequestMessage later = RequestSketch.of("{\"arguments\":{\"seq\":9},\"command\":\"rewind/seek\",\"seq\":7,"
                + "\"type\":\"request\"").orElseThrow();
        assertEquals("7", later.getId());
        assertEquals("rewind/seek", later.getMethod());
    }

    @Test
    void nestedOrQuotedMembersAndNonRequestsGiveNothing() {
        assertTrue(RequestSketch.of("{\"arguments\":{\"seq\":9,\"type\":\"request\",\"command\":\"x\"}").isEmpty());
        assertTrue(RequestSketch.of("{\"a\":\"\\\",\\\"seq\\\":1,\\\"type\\\":\\\"request\\\",\\\"command\\\":\\\"x\","
                + "\"b\":1").isEmpty());
        assertTrue(RequestSketch.of("{\"seq\":1,\"type\":\"event\",\"command\":\"x\"").isEmpty());
        assertTrue(RequestSketch.of("[{\"seq\":1,\"type\":\"request\",\"command\":\"x\"}]").isEmpty());
        assertTrue(RequestSketch.of("garbage").isEmpty());
        assertTrue(RequestSketch.of("").isEmpty());
    }
}
