/*
 * StdioDapTest: the real `./rewind dap` process, driven over its stdin/stdout as an editor does:
 * record a program, stop at a breakpoint, read a variable, run to the end, disconnect; and
 * `--port` serves one client on 127.0.0.1, `--socket` one client on a 0600 Unix socket it removes
 * at exit.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.scenarios.ScenarioRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdioDapTest {
    @TempDir
    Path tmp;

    @Test
    void rewindDapOverStdio() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        Process rewind = new ProcessBuilder(ScenarioRunner.rewindScript().toString(), "dap")
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        try (DapTestClient client = DapTestClient.connect(rewind.getInputStream(), rewind.getOutputStream(), () -> {
            rewind.getOutputStream().close();
            assertTrue(rewind.waitFor(20, TimeUnit.SECONDS), "rewind dap exits when its input ends");
            assertEquals(0, rewind.exitValue());
        })) {
            debugOnce(client, program);
        } finally {
            rewind.destroyForcibly();
        }
    }

    @Test
    void rewindDapOnALoopbackPort() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        Process rewind = new ProcessBuilder(ScenarioRunner.rewindScript().toString(), "dap", "--port", "0")
                .redirectOutput(tmp.resolve("stdout.txt").toFile()).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(rewind.getErrorStream(), StandardCharsets.UTF_8));
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher("");
            String line;
            while ((line = err.readLine()) != null && !m.reset(line).find()) {
                // skip build messages
            }
            assertTrue(line != null, "rewind dap --port announced its port");
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)));
            try (DapTestClient client = DapTestClient.connect(socket.getInputStream(), socket.getOutputStream(),
                    socket::close)) {
                debugOnce(client, program);
            }
            assertTrue(rewind.waitFor(20, TimeUnit.SECONDS), "rewind dap --port serves one client, then exits");
        } finally {
            rewind.destroyForcibly();
        }
    }

    @Test
    void rewindDapOnAUnixSocket() throws Exception {
        Path program = Debuggee.compile("loop.c", tmp, "-O0");
        Path socketPath = tmp.resolve("rewind.sock");
        Process rewind = new ProcessBuilder(ScenarioRunner.rewindScript().toString(), "dap", "--socket",
                socketPath.toString()).redirectOutput(tmp.resolve("stdout.txt").toFile()).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(rewind.getErrorStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = err.readLine()) != null && !line.contains("listening on the Unix socket")) {
                // skip build messages
            }
            assertTrue(line != null && line.endsWith(socketPath.toString()), "rewind dap --socket announced its socket");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socketPath,
                    LinkOption.NOFOLLOW_LINKS)));
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socketPath));
            try (DapTestClient client = DapTestClient.connect(DapListeners.channelInput(channel),
                    DapListeners.channelOutput(channel), channel::close)) {
                debugOnce(client, program);
            }
            assertTrue(rewind.waitFor(20, TimeUnit.SECONDS), "rewind dap --socket serves one client, then exits");
            assertFalse(Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS), "and removes its socket");
        } finally {
            rewind.destroyForcibly();
        }
    }

    private static void debugOnce(DapTestClient client, Path program) throws Exception {
        client.launchProgram(program, false);
        client.setBreakpoints(Debuggee.source("loop.c").toString(), Debuggee.line("loop.c", "LOOP_PRINT"));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        assertEquals("1", client.local("total"));
        client.setBreakpoints(Debuggee.source("loop.c").toString());
        client.assertStopped(client.continueToStop(), "end");
        assertTrue(client.stdout().contains("i=2 total=9"), client.stdout());
    }
}
