package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay touches nothing outside: a replayed rm deletes nothing, a replayed shell starts no child
 * and creates no file, a replayed network client connects nowhere.
 */
class ReplayIsolationTest {

    @TempDir
    Path tmp;

    @Test
    void replayedRmDeletesNothing() throws IOException {
        Path victim = tmp.resolve("x");
        Files.writeString(victim, "delete me once");
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0], "rm", "-v", victim.toString());
        assertEquals(0, rec.exitCode(), rec::describe);
        assertFalse(Files.exists(victim), "rm did not delete the file while recording");

        Files.writeString(victim, "must survive replay");
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "first replay");
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "second replay");
        assertEquals("must survive replay", Files.readString(victim));
    }

    @Test
    void replayedShellRunsNoChildAndWritesNoFile() throws IOException {
        Path made = tmp.resolve("made-by-child");
        Path written = tmp.resolve("written-by-shell");
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0], "sh", "-c",
                "touch \"$1\"; echo content > \"$2\"; echo done", "sh", made.toString(), written.toString());
        assertEquals(0, rec.exitCode(), rec::describe);
        assertTrue(Files.exists(made) && Files.exists(written), "the recording did not create the files");
        Files.delete(made);
        Files.delete(written);

        assertReplayMatches(rec, ScenarioRunner.replay(trace), "replay");
        assertFalse(Files.exists(made), "replay ran the child (touch)");
        assertFalse(Files.exists(written), "replay wrote the file");
    }

    @Test
    void replayedNetworkClientConnectsNowhere() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(20_000);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[64];
                    int n = in.read(buf);
                    OutputStream out = s.getOutputStream();
                    out.write(("pong " + System.nanoTime() + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return new String(buf, 0, Math.max(n, 0), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "error: " + e;
                }
            });
            Path trace = tmp.resolve("t");
            RunResult rec = ScenarioRunner.record(trace, new byte[0], "bash", "-c",
                    "exec 3<>/dev/tcp/127.0.0.1/" + port + "; echo ping >&3; head -n 1 <&3");
            assertEquals(0, rec.exitCode(), rec::describe);
            assertEquals("ping\n", served.get(30, TimeUnit.SECONDS));
            assertTrue(rec.stdoutText().startsWith("pong "), rec::describe);

            server.setSoTimeout(300);
            assertReplayMatches(rec, ScenarioRunner.replay(trace), "replay");
            try (Socket unexpected = server.accept()) {
                throw new AssertionError("replay connected to the server from " + unexpected.getRemoteSocketAddress());
            } catch (SocketTimeoutException expected) {
                // Nothing connected: as it should be.
            }
        }
    }
}
