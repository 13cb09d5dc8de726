/*
 * HostileTraceLaunchTest: launch {"trace": DIR} on a recording with a FIFO or a link in place of its
 * header, events or a blob, or with a damaged blob, answers with an error naming the file (never
 * hangs, never follows the link), and leaves no agent behind once the client hangs up.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rewind.scenarios.HostileTraces;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostileTraceLaunchTest {
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path shared;
    static Path pristine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void recordOnce() {
        pristine = shared.resolve("pids-trace");
        var recorded = ScenarioRunner.record(pristine, new byte[0], ScenarioRunner.scenario("pids").toString());
        assertEquals(0, recorded.exitCode(), recorded::describe);
    }

    /** Launching {@code trace} fails with a message holding every one of {@code parts}. */
    private static void assertLaunchRefused(Path trace, String... parts) {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try (DapTestClient client = InProcessDap.start()) {
                client.initialize();
                String message = DapTestClient.error(client.server().launch(Map.of("trace", trace.toString())))
                        .getMessage();
                for (String part : parts) {
                    assertTrue(message.contains(part), () -> "the launch error should say '" + part + "': " + message);
                }
            }
            assertNoAgentLeft();
        });
    }

    /** No rewind-agent below this JVM is alive (a few seconds allowed for one that is ending). */
    private static void assertNoAgentLeft() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> agents = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("rewind-agent")).toList();
            if (agents.isEmpty()) {
                return;
            }
            if (i == 99) {
                agents.forEach(ProcessHandle::destroyForcibly);
                fail("agents left behind: " + agents);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aFifoOrALinkInPlaceOfAFileIsRefusedAtLaunch() throws Exception {
        List<String> files = HostileTraces.files(pristine);
        List<String> cases = List.of("header", "events", files.get(files.size() - 1));
        for (String file : cases) {
            for (HostileTraces.Special kind : List.of(HostileTraces.Special.FIFO, HostileTraces.Special.LINK_TO_OUTSIDE)) {
                Path trace = HostileTraces.copy(pristine, tmp.resolve(kind + "-" + file.replace('/', '-')));
                kind.replace(trace.resolve(file));
                assertLaunchRefused(trace, file, kind == HostileTraces.Special.FIFO ? "FIFO" : "symbolic link");
            }
        }
    }

    @Test
    void aDamagedBlobIsRefusedAtLaunch() throws Exception {
        List<String> files = HostileTraces.files(pristine);
        String blob = files.get(files.size() - 1);
        Path trace = HostileTraces.copy(pristine, tmp.resolve("damaged"));
        Path file = trace.resolve(blob);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertLaunchRefused(trace, blob, "damaged");
    }
}
