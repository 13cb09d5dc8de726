package dev.rewind.dap;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InlineSteppingTest {
    @TempDir
    Path tmp;

    @Test
    void explore() throws Exception {
        String file = System.getProperty("file", "inline_o2.c");
        String marker = System.getProperty("marker", "MAIN_INLINE_CALL");
        Path program = Debuggee.compile(file, tmp, "-O2");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source(file).toString(), Debuggee.line(file, marker));
            client.configurationDone();
            client.awaitStopped();
            show(client, "bp");
            client.setBreakpoints(Debuggee.source(file).toString());
            for (String m : System.getProperty("moves", "n,n,n,n,n,n,n").split(",")) {
                long before = client.agentRequests();
                switch (m) {
                    case "n" -> DapTestClient.call(client.server().next(nextArgs()));
                    case "s" -> DapTestClient.call(client.server().stepIn(stepArgs()));
                    default -> DapTestClient.call(client.server().stepOut(new StepOutArguments()));
                }
                var st = client.awaitStopped();
                long after = client.agentRequests();
                System.out.print("[" + (after - before) + " req " + st.getReason() + "] ");
                show(client, m);
            }
        }
    }

    private static void show(DapTestClient c, String what) throws Exception {
        var f = c.stackTrace();
        System.out.println("EXPLORE " + what + " -> " + f[0].getName() + ":" + f[0].getLine()
                + (f.length > 1 ? " / " + f[1].getName() + ":" + f[1].getLine() : ""));
    }

    private static NextArguments nextArgs() {
        NextArguments a = new NextArguments();
        a.setThreadId(1);
        return a;
    }

    private static StepInArguments stepArgs() {
        StepInArguments a = new StepInArguments();
        a.setThreadId(1);
        return a;
    }
}
