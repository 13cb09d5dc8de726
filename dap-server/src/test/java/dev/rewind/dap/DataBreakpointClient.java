/*
 * DataBreakpointClient: the data-breakpoint requests the data-breakpoint tests make through a real
 * DapTestClient: dataBreakpointInfo for an expression in the top frame, setDataBreakpoints, and
 * evaluate in main's frame (a stop may be in a function main called).
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;

final class DataBreakpointClient {
    private DataBreakpointClient() {
    }

    /** dataBreakpointInfo of {@code expression} in the top frame, as the server answers it. */
    static DataBreakpointInfoResponse infoResponse(DapTestClient client, String expression) throws Exception {
        DataBreakpointInfoArguments a = new DataBreakpointInfoArguments();
        a.setName(expression);
        a.setFrameId(client.stackTrace()[0].getId());
        return DapTestClient.call(client.server().dataBreakpointInfo(a));
    }

    /** The data id of {@code expression} in the top frame; fails the test when it has none. */
    static String info(DapTestClient client, String expression) throws Exception {
        DataBreakpointInfoResponse r = infoResponse(client, expression);
        assertTrue(r.getDataId() != null, () -> expression + ": " + r.getDescription());
        return r.getDataId();
    }

    /** Replaces the data breakpoints with {@code dataIds} (none: removes them all). */
    static Breakpoint[] watch(DapTestClient client, String... dataIds) throws Exception {
        SetDataBreakpointsArguments args = new SetDataBreakpointsArguments();
        DataBreakpoint[] list = new DataBreakpoint[dataIds.length];
        for (int i = 0; i < dataIds.length; i++) {
            list[i] = new DataBreakpoint();
            list[i].setDataId(dataIds[i]);
        }
        args.setBreakpoints(list);
        return DapTestClient.call(client.server().setDataBreakpoints(args)).getBreakpoints();
    }

    /** {@code expression} evaluated in main's frame. */
    static String evaluateInMain(DapTestClient client, String expression) throws Exception {
        for (var f : client.stackTrace()) {
            if (f.getName().equals("main")) {
                return client.evaluate(expression, f.getId(), "watch").getResult();
            }
        }
        throw new AssertionError("no main frame");
    }
}
