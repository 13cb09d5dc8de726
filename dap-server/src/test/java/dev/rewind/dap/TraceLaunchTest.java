/*
 * TraceLaunchTest: launch {"trace": DIR} debugs a recording made earlier (here by the agent's
 * RECORD, as `rewind record` makes them): stop on entry, breakpoints, variables, and the replayed
 * output; nothing is recorded again. "start" opens it at the end or at an event; a bad "start" is
 * refused.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceLaunchTest {
    @TempDir
    Path tmp;

    @Test
    void debugsAnExistingRecording() throws Exception {
        Path trace = record("loop.c");
        assertEquals("i=0 total=1\ni=1 total=4\ni=2 total=9\n", Files.readString(tmp.resolve("out.txt")));
        try (DapTestClient client = InProcessDap.start()) {
            client.launch(Map.of("trace", trace.toString(), "stopOnEntry", true));
            assertEquals("", client.stdout(), "nothing is recorded again");
            client.setBreakpoints(Debuggee.source("loop.c").toString(), Debuggee.line("loop.c", "LOOP_PRINT"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            client.assertStopped(client.continueToStop(), "breakpoint");
            assertEquals("1", client.local("total"));
            client.assertStopped(client.continueToStop(), "breakpoint");
            assertEquals("i=0 total=1\n", client.stdout());
            assertTrue(Files.isDirectory(trace), "a recording opened by path is never deleted");
        }
        assertTrue(Files.isDirectory(trace), "a recording opened by path is never deleted");
    }

    @Test
    void startOpensTheRecordingAtTheEndOrAtAnEvent() throws Exception {
        Path trace = record("travel.c");
        long total;
        try (DapTestClient client = InProcessDap.start()) {
            client.launch(Map.of("trace", trace.toString(), "start", "end"));
            client.configurationDone();
            assertEquals("end", client.awaitStopped().getReason());
            total = TravelClient.event(client);
            // going back from there works at once: the last hit of the loop
            client.setBreakpoints(Debuggee.source("travel.c").toString(), Debuggee.line("travel.c", "LOOP_PRINT"));
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals("3", client.local("i"));
        }
        long middle = total / 2;
        try (DapTestClient client = InProcessDap.start()) {
            client.launch(Map.of("trace", trace.toString(), "start", middle));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals(middle, TravelClient.event(client));
        }
        for (Object bad : new Object[] {"middle", -1, 2.5}) {
            try (DapTestClient client = InProcessDap.start()) {
                client.initialize();
                String message = DapTestClient.error(client.server().launch(Map.of("trace", trace.toString(), "start", bad)))
                        .getMessage();
                assertTrue(message.contains("\"start\" must be \"end\" or an event number"), message);
            }
        }
    }

    private Path record(String file) throws Exception {
        Path program = Debuggee.compile(file, tmp, "-O0");
        Path trace = tmp.resolve("trace-" + file);
        AgentLaunch launch = AgentLaunch.inheritIO(AgentLocator.locate())
                .withStdin(Redirect.from(new File("/dev/null")))
                .withOutputTo(tmp.resolve("out.txt"), tmp.resolve("err.txt"));
        try (AgentClient agent = AgentClient.start(launch)) {
            RunResult r = agent.record(new RecordRequest(trace, program, List.of(program.toString()), tmp, List.of()));
            assertTrue(r.status().exitCode() >= 0, "recorded: " + r.status());
        }
        return trace;
    }
}
