/*
 * ProcessChoiceTest: which process of a process-tree recording (issue 13) a launch without
 * "process" opens, with a real DAP client: the child that crashed while its parent carried on
 * (the debug console says so and how to pick another), else the root; and the custom request
 * rewind/processes, which lists the recording's processes and marks the one open.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.agent.AgentClient;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.AgentLocator;
import dev.rewind.core.agent.RecordRequest;
import dev.rewind.core.agent.RunResult;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class ProcessChoiceTest {
    @TempDir
    Path tmp;

    @Test
    void theChildThatCrashedIsOpenedByDefault() throws Exception {
        Path trace = record("fork_crash.c", "child: about to crash\nparent: child killed by signal 11\n");
        try (DapTestClient client = InProcessDap.start()) {
            client.launch(Map.of("trace", trace.toString()));
            client.configurationDone();
            StoppedEventArguments stop = client.awaitStopped();
            client.assertStopped(stop, "exception");
            assertTrue(stop.getDescription().contains("SIGSEGV"), stop.getDescription());
            StackFrame[] frames = client.stackTrace();
            assertEquals("child_work", frames[0].getName());
            assertEquals(Debuggee.line("fork_crash.c", "CHILD_CRASH"), frames[0].getLine());

            List<Map<String, Object>> procs = processes(client);
            assertEquals(2, procs.size(), procs::toString);
            Map<String, Object> root = procs.get(0);
            Map<String, Object> child = procs.get(1);
            assertEquals(true, root.get("root"));
            assertEquals(0, number(root.get("exit")));
            assertEquals(false, root.get("crashed"));
            assertEquals(false, root.get("open"));
            assertEquals(true, child.get("open"));
            assertEquals(true, child.get("crashed"));
            assertEquals(11, number(child.get("signal")));
            assertEquals("SIGSEGV", child.get("signalName"));
            assertEquals(number(root.get("pid")), number(child.get("parent")));
            assertFalse(child.containsKey("exit"), child::toString);
            assertTrue(number(child.get("events")) > 0, child::toString);
            assertTrue(((String) child.get("command")).contains("fork_crash"), child::toString);

            String console = client.console();
            int pid = number(child.get("pid"));
            assertTrue(console.contains("this recording holds 2 processes; debugging process " + pid + " ("), console);
            assertTrue(console.contains("killed by SIGSEGV"), console);
            assertTrue(console.contains("\"process\": PID") && console.contains("rewind ps " + trace), console);
        }
    }

    @Test
    void withoutACrashTheRootIsOpenedAndProcessesMarksTheOneOpen() throws Exception {
        Path trace = record("fork_child.c",
                "child i=0 total=0\nchild i=1 total=10\nchild i=2 total=30\nparent: child exited with 30\n");
        int child;
        try (DapTestClient client = InProcessDap.start()) {
            client.launch(Map.of("trace", trace.toString(), "stopOnEntry", true));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            List<Map<String, Object>> procs = processes(client);
            assertEquals(List.of(true, false), procs.stream().map(p -> p.get("open")).toList(), procs::toString);
            assertEquals(30, number(procs.get(1).get("exit")));
            child = number(procs.get(1).get("pid"));
            assertTrue(client.console().contains("debugging process " + number(procs.get(0).get("pid"))
                    + " (") && client.console().contains("no process crashed"), client.console());
        }
        try (DapTestClient client = InProcessDap.start()) {
            client.launch(Map.of("trace", trace.toString(), "process", child, "stopOnEntry", true));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            List<Map<String, Object>> procs = processes(client);
            assertEquals(List.of(false, true), procs.stream().map(p -> p.get("open")).toList(), procs::toString);
            assertFalse(client.console().contains("this recording holds"), "a named process needs no notice");
        }
    }

    @Test
    void processesBeforeLaunchIsRefused() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            client.initialize();
            String message = DapTestClient.error(client.rewind().processes(Map.of())).getMessage();
            assertTrue(message.contains("launch first"), message);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> processes(DapTestClient client) throws Exception {
        return (List<Map<String, Object>>) DapTestClient.call(client.rewind().processes(Map.of())).get("processes");
    }

    private static int number(Object o) {
        return ((Number) o).intValue();
    }

    private Path record(String source, String expectedOutput) throws Exception {
        Path program = Debuggee.compile(source, tmp, "-O0");
        Path trace = tmp.resolve("trace");
        AgentLaunch launch = AgentLaunch.inheritIO(AgentLocator.locate())
                .withStdin(Redirect.from(new File("/dev/null")))
                .withOutputTo(tmp.resolve("out.txt"), tmp.resolve("err.txt"));
        try (AgentClient agent = AgentClient.start(launch)) {
            RunResult r = agent.record(new RecordRequest(trace, program, List.of(program.toString()), tmp, List.of()));
            assertEquals(0, r.status().exitCode(), "recorded: " + r.status());
        }
        assertEquals(expectedOutput, Files.readString(tmp.resolve("out.txt")));
        return trace;
    }
}
