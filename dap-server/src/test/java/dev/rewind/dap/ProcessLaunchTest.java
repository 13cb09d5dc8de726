/*
 * ProcessLaunchTest: launch {"trace": DIR, "process": PID} debugs one recorded child process of a
 * process-tree recording (issue 13) with a real DAP client: its breakpoints, its variables, its
 * own output only, and back in time; a pid the recording does not hold, or "process" without a
 * trace, is refused.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.agent.AgentClient;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.AgentLocator;
import dev.rewind.core.agent.RecordRequest;
import dev.rewind.core.agent.RunResult;
import dev.rewind.core.trace.ProcessTable;
import dev.rewind.core.trace.RecordedProcess;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class ProcessLaunchTest {
    @TempDir
    Path tmp;

    @Test
    void debugsOneChildOfTheRecording() throws Exception {
        Path trace = record();
        List<RecordedProcess> procs = ProcessTable.read(trace);
        assertEquals(2, procs.size(), procs::toString);
        int child = procs.get(1).pid().orElseThrow();
        try (DapTestClient client = InProcessDap.start()) {
            client.launch(Map.of("trace", trace.toString(), "process", child, "stopOnEntry", true));
            client.setBreakpoints(Debuggee.source("fork_child.c").toString(),
                    Debuggee.line("fork_child.c", "CHILD_PRINT"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            client.assertStopped(client.continueToStop(), "breakpoint");
            assertEquals("0", client.local("i"));
            client.assertStopped(client.continueToStop(), "breakpoint");
            assertEquals("1", client.local("i"));
            assertEquals("10", client.local("total"));
            assertEquals("child i=0 total=0\n", client.stdout(), "the child's own output only");
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals("0", client.local("i"));
        }
    }

    @Test
    void aProcessTheRecordingDoesNotHoldIsRefused() throws Exception {
        Path trace = record();
        try (DapTestClient client = InProcessDap.start()) {
            client.initialize();
            String message = DapTestClient.error(client.server().launch(
                    Map.of("trace", trace.toString(), "process", 999999))).getMessage();
            assertTrue(message.contains("has no process 999999"), message);
        }
        try (DapTestClient client = InProcessDap.start()) {
            client.initialize();
            String message = DapTestClient.error(client.server().launch(
                    Map.of("program", "/bin/true", "process", 5))).getMessage();
            assertTrue(message.contains("\"process\""), message);
        }
    }

    private Path record() throws Exception {
        Path program = Debuggee.compile("fork_child.c", tmp, "-O0");
        Path trace = tmp.resolve("trace");
        AgentLaunch launch = AgentLaunch.inheritIO(AgentLocator.locate())
                .withStdin(Redirect.from(new File("/dev/null")))
                .withOutputTo(tmp.resolve("out.txt"), tmp.resolve("err.txt"));
        try (AgentClient agent = AgentClient.start(launch)) {
            RunResult r = agent.record(new RecordRequest(trace, program, List.of(program.toString()), tmp, List.of()));
            assertEquals(0, r.status().exitCode(), "recorded: " + r.status());
        }
        assertEquals("child i=0 total=0\nchild i=1 total=10\nchild i=2 total=30\nparent: child exited with 30\n",
                Files.readString(tmp.resolve("out.txt")));
        return trace;
    }
}
