/*
 * RawDap: a DAP client that writes raw bytes (well-formed frames or deliberately broken ones) to a
 * real DapServer in this JVM (over pipes, served by DapServer.serve as a connection is) and keeps
 * every message the server sends, parsed as JSON. Every wait has a timeout; close() hangs up and
 * waits for the server to end its session.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.AgentLocator;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class RawDap implements AutoCloseable {
    private static final Gson GSON = new Gson();

    private final Pipe toServer;
    private final OutputStream out;
    private final Thread serving;
    private final Thread reading;
    private final List<JsonObject> received = new ArrayList<>();
    private final StringBuilder unparsed = new StringBuilder();
    private boolean closedByServer;

    private RawDap(Pipe toServer, Pipe toClient, DapServer server) {
        this.toServer = toServer;
        this.out = Channels.newOutputStream(toServer.sink());
        InputStream serverIn = Channels.newInputStream(toServer.source());
        OutputStream serverOut = Channels.newOutputStream(toClient.sink());
        this.serving = new Thread(() -> {
            try {
                server.serve(serverIn, serverOut);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "raw-dap-server");
        InputStream fromServer = Channels.newInputStream(toClient.source());
        this.reading = new Thread(() -> readAll(fromServer), "raw-dap-reader");
        serving.setDaemon(true);
        reading.setDaemon(true);
        serving.start();
        reading.start();
    }

    static RawDap start() throws Exception {
        AgentLaunch launch = AgentLaunch.inheritIO(AgentLocator.locate()).withStdin(Redirect.from(new File("/dev/null")));
        return new RawDap(Pipe.open(), Pipe.open(), new DapServer(launch));
    }

    /** A well-formed frame around {@code body}. */
    static byte[] frame(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return concat(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), bytes);
    }

    /** The JSON of a request. */
    static String request(int seq, String command, Object arguments) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("type", "request");
        m.put("command", command);
        if (arguments != null) {
            m.put("arguments", arguments);
        }
        return GSON.toJson(m);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    /** Writes raw bytes; false when the server has closed the connection (the pipe is broken). */
    boolean send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void send(int seq, String command, Object arguments) {
        send(frame(request(seq, command, arguments)));
    }

    /** The response to request {@code seq}. */
    JsonObject response(int seq) throws InterruptedException {
        return await(m -> isResponse(m, seq), "the response to request " + seq)
                .orElseThrow(() -> new AssertionError("the connection closed without a response to request " + seq
                        + "; received " + messages()));
    }

    /** The response to {@code seq}, or empty if the server closes the connection first. */
    Optional<JsonObject> responseOrClose(int seq) throws InterruptedException {
        return await(m -> isResponse(m, seq), "the response to request " + seq + " or the end of the connection");
    }

    /** The first message received matching {@code what}; empty when the server closed without one. */
    synchronized Optional<JsonObject> await(Predicate<JsonObject> what, String description) throws InterruptedException {
        long deadline = System.nanoTime() + DapTestClient.TIMEOUT.toNanos();
        while (true) {
            Optional<JsonObject> found = received.stream().filter(what).findFirst();
            if (found.isPresent() || closedByServer) {
                return found;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                fail("no " + description + " within " + DapTestClient.TIMEOUT + "; received " + received);
            }
            wait(left);
        }
    }

    /** Waits until the server closes the connection. */
    synchronized void awaitClosed() throws InterruptedException {
        long deadline = System.nanoTime() + DapTestClient.TIMEOUT.toNanos();
        while (!closedByServer) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                fail("the server did not close the connection within " + DapTestClient.TIMEOUT + "; received " + received);
            }
            wait(left);
        }
    }

    synchronized boolean closedByServer() {
        return closedByServer;
    }

    synchronized List<JsonObject> messages() {
        return List.copyOf(received);
    }

    /** The text of every output event of {@code category}. */
    synchronized String output(String category) {
        StringBuilder sb = new StringBuilder();
        for (JsonObject m : received) {
            if (isEvent(m, "output") && category.equals(string(m.getAsJsonObject("body"), "category"))) {
                sb.append(string(m.getAsJsonObject("body"), "output"));
            }
        }
        return sb.toString();
    }

    static boolean isResponse(JsonObject m, int seq) {
        return "response".equals(string(m, "type")) && m.has("request_seq") && m.get("request_seq").getAsInt() == seq;
    }

    static boolean isEvent(JsonObject m, String name) {
        return "event".equals(string(m, "type")) && name.equals(string(m, "event"));
    }

    static String string(JsonObject m, String member) {
        JsonElement e = m == null ? null : m.get(member);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    /** A stack frame line, a Java package, or an exception's class name. */
    private static final Pattern JAVA_INSIDE = Pattern.compile(
            "\\\\tat |\tat |\\b(?:java|javax|jdk|sun|com\\.google|org\\.eclipse)\\.[a-z]|[A-Z][A-Za-z]*(?:Exception|Error)\\b");

    /** Fails when a message's text or body carries what only a Java stack trace or exception would. */
    static void assertNoJavaInside(JsonObject message) {
        for (String member : List.of("message", "body")) {
            JsonElement e = message.get(member);
            String text = e == null ? "" : e.toString();
            Matcher m = JAVA_INSIDE.matcher(text);
            assertFalse(m.find(), () -> "Java inside a message ('" + m.group() + "'): " + message);
        }
    }

    /** Ends what the client sends (the server sees its input end), still reading what the server sends. */
    void hangUp() throws IOException {
        toServer.sink().close();
    }

    /** Hangs up (the server sees its input end) and waits for the server to end the session. */
    @Override
    public void close() throws Exception {
        toServer.sink().close();
        serving.join(TimeUnit.SECONDS.toMillis(30));
        if (serving.isAlive()) {
            fail("the server did not end its session within 30 s of the client hanging up");
        }
        reading.join(TimeUnit.SECONDS.toMillis(30));
    }

    private void readAll(InputStream in) {
        try {
            while (true) {
                String header = readHeader(in);
                if (header == null) {
                    break;
                }
                int length = Integer.parseInt(header.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                byte[] body = in.readNBytes(length);
                JsonObject m = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
                synchronized (this) {
                    received.add(m);
                    notifyAll();
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                unparsed.append(e);
            }
        } finally {
            synchronized (this) {
                closedByServer = true;
                notifyAll();
            }
        }
    }

    private static String readHeader(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
