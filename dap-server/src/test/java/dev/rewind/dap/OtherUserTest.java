/*
 * OtherUserTest: `rewind dap --port 0` and `rewind dap --socket PATH` serve only their own user.
 * A temporary second user (useradd; skipped where users cannot be created) connects and asks to
 * run `touch MARKER`: on the port its connection is closed unanswered (its uid is read from the
 * kernel's socket table), the 0600 socket cannot even be opened by it, and when the test widens
 * the socket to 0666 the server still refuses it (SO_PEERCRED). The marker never appears, a line
 * on stderr names each refusal, and then our own client is served as usual. The user is deleted
 * afterwards.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rewind.scenarios.ScenarioRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class OtherUserTest {
    private static String otherUser;

    @TempDir
    Path tmp;
    /** A folder the other user can read (the intruder's source, the socket). */
    private Path shared;
    private Path marker;
    private Process rewind;
    private final List<String> stderr = new ArrayList<>();

    @BeforeAll
    static void createUser() throws Exception {
        assumeTrue(LoopbackOwners.ownUid() == 0, "creating a second user needs root; this test is skipped");
        String name = "rwtest" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        Process p = new ProcessBuilder("useradd", "-M", "-N", name).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
                "cannot create a second user (useradd: " + out.strip() + "); this test is skipped");
        otherUser = name;
    }

    @AfterAll
    static void deleteUser() throws Exception {
        if (otherUser != null) {
            Process p = new ProcessBuilder("userdel", otherUser).inheritIO().start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "userdel " + otherUser);
        }
    }

    @BeforeEach
    void shareAFolder() throws IOException {
        shared = Files.createTempDirectory("rewind-other-user");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (InputStream source = OtherUserTest.class.getResourceAsStream("/intruder/Intruder.java")) {
            Files.write(shared.resolve("Intruder.java"), source.readAllBytes());
        }
        marker = tmp.resolve("intruder-ran");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (rewind != null) {
            rewind.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (Stream<Path> all = Files.walk(shared)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void theLoopbackPortServesOnlyItsOwnUser() throws Exception {
        rewind = start("--port", "0");
        String listening = awaitStderr(l -> l.contains("listening on 127.0.0.1:"));
        String port = listening.substring(listening.lastIndexOf(':') + 1).strip();
        assertEquals("CLOSED", intrude("tcp", port, 0));
        assertTrue(awaitStderr(l -> l.contains("refused a connection")).contains("not to uid 0"));
        assertFalse(Files.exists(marker), "nothing the other user asked for ran");
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port));
        try (DapTestClient client = DapTestClient.connect(socket.getInputStream(), socket.getOutputStream(), socket::close)) {
            assertEquals(Boolean.TRUE, client.initialize().getSupportsConfigurationDoneRequest());
        }
        assertTrue(rewind.waitFor(60, TimeUnit.SECONDS), "the server ends after serving its one client");
    }

    @Test
    void theUnixSocketServesOnlyItsOwnUser() throws Exception {
        Path socketPath = shared.resolve("dap.sock");
        rewind = start("--socket", socketPath.toString());
        awaitStderr(l -> l.contains("listening on the Unix socket"));
        assertTrue(intrude("unix", socketPath.toString(), 3).startsWith("CANNOT-CONNECT"), "the socket is 0600");
        // Even if the socket were opened to everyone, the server checks who connects.
        Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals("CLOSED", intrude("unix", socketPath.toString(), 0));
        assertTrue(awaitStderr(l -> l.contains("refused a connection on")).contains(otherUser));
        assertFalse(Files.exists(marker), "nothing the other user asked for ran");
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socketPath));
        try (DapTestClient client = DapTestClient.connect(DapListeners.channelInput(channel),
                DapListeners.channelOutput(channel), channel::close)) {
            assertEquals(Boolean.TRUE, client.initialize().getSupportsConfigurationDoneRequest());
        }
        assertTrue(rewind.waitFor(60, TimeUnit.SECONDS), "the server ends after serving its one client");
        assertFalse(Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS), "the socket file is removed at exit");
    }

    private Process start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(ScenarioRunner.rewindScript().toString(), "dap"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectOutput(tmp.resolve("stdout.txt").toFile()).start();
        Thread reader = new Thread(() -> readLines(p.getErrorStream()), "rewind-stderr");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private void readLines(InputStream err) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderr) {
                    stderr.add(line);
                    stderr.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private String awaitStderr(Predicate<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        synchronized (stderr) {
            while (true) {
                for (String line : stderr) {
                    if (what.test(line)) {
                        return line;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertTrue(left > 0, "stderr never showed the line expected: " + stderr);
                stderr.wait(left);
            }
        }
    }

    /** Runs the intruder as the other user; its one line of output, after checking its exit status. */
    private String intrude(String mode, String where, int expectedStatus) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder("runuser", "-u", otherUser, "--", java.toString(), "-XX:-UsePerfData",
                shared.resolve("Intruder.java").toString(), mode, where, marker.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the intruder did not finish: " + out);
        }
        assertEquals(expectedStatus, p.exitValue(), out);
        return out.lines().reduce((a, b) -> b).orElse("");
    }
}
