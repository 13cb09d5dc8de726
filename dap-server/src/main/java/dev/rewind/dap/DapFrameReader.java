/*
 * DapFrameReader: reads DAP frames ("Content-Length: N" header lines, a blank line, N bytes of
 * JSON) from the client and hands each message to lsp4j, replacing lsp4j's reader, which drops
 * every later request silently after one bad frame.
 *
 * A frame ends where its JSON object ends (the body is scanned: strings, escapes, nesting), and
 * never after N bytes: a Content-Length a few bytes too long neither swallows the next frame nor
 * waits for bytes that never come. (A body that does not start like JSON is read to its N bytes:
 * nothing else tells where it ends.) Whitespace between frames is skipped. A header line that holds
 * "Content-Length:" after stray bytes (the tail of a body whose length was too short) is read
 * from there, the stray bytes reported as skipped. A body that is not a DAP message is skipped
 * with a message; a request whose arguments are malformed gets an error response (through the
 * issue handler). Where the stream cannot be followed any further (no or a bad Content-Length,
 * over MAX_CONTENT_LENGTH, a header line that is not a header, the input ending inside a frame)
 * the reader reports it as unreadable and stops: the server then closes the connection.
 */
package dev.rewind.dap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;

final class DapFrameReader implements MessageProducer {
    private static final Logger LOG = Logger.getLogger(DapFrameReader.class.getName());

    /** The largest body accepted (a setBreakpoints of thousands of lines is a few hundred KiB). */
    static final int MAX_CONTENT_LENGTH = 64 << 20;
    static final int MAX_HEADER_LINE = 8192;
    static final int MAX_HEADER_LINES = 32;
    private static final String CONTENT_LENGTH = "Content-Length";

    /** Where the reader tells what it could not read. */
    interface Problems {
        /** Something was skipped; reading goes on with the next frame. */
        void skipped(String why);

        /** The stream cannot be followed: reading has stopped, the connection should close. */
        void unreadable(String why);
    }

    /** A frame the reader cannot get past. */
    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final MessageJsonHandler json;
    private final MessageIssueHandler issues;
    private final Problems problems;

    DapFrameReader(InputStream in, MessageJsonHandler json, MessageIssueHandler issues, Problems problems) {
        this.in = new BufferedInputStream(in);
        this.json = json;
        this.issues = issues;
        this.problems = problems;
    }

    /** Reads frames until the input ends or cannot be followed; returns then. */
    @Override
    public void listen(MessageConsumer consumer) {
        try {
            while (true) {
                long length = readHeader();
                if (length < 0) {
                    return; // the input ended between frames: the client hung up
                }
                deliver(readBody((int) length), consumer);
            }
        } catch (Unreadable e) {
            problems.unreadable(e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.FINE, "the connection to the client ended", e);
        }
    }

    /** The header block's Content-Length; -1 when the input ends before a frame starts. */
    private long readHeader() throws IOException, Unreadable {
        long length = -1;
        int c = skipWhitespace();
        if (c < 0) {
            return -1;
        }
        for (int lines = 0; ; lines++) {
            if (lines == MAX_HEADER_LINES) {
                throw new Unreadable("a DAP frame has more than " + MAX_HEADER_LINES + " header lines");
            }
            String line = readLine(c);
            if (line.isEmpty()) {
                break;
            }
            if (lines == 0) {
                line = resynchronised(line);
            }
            length = header(line, length);
            c = in.read();
        }
        if (length < 0) {
            throw new Unreadable("a DAP frame has no Content-Length header");
        }
        return length;
    }

    /** A first header line with stray bytes before "Content-Length:" (a previous length too short). */
    private String resynchronised(String line) {
        int at = line.indexOf(CONTENT_LENGTH + ":");
        if (at <= 0 || isHeader(line)) {
            return line;
        }
        problems.skipped("skipped " + at + " bytes that belong to no DAP frame (a wrong Content-Length before them?): "
                + quote(line.substring(0, at)));
        return line.substring(at);
    }

    /** One header line; returns the Content-Length known after it. */
    private long header(String line, long lengthSoFar) throws Unreadable {
        if (!isHeader(line)) {
            throw new Unreadable("expected a DAP header line (\"Name: value\"), got " + quote(line));
        }
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase(CONTENT_LENGTH)) {
            long length = contentLength(value);
            if (lengthSoFar >= 0 && lengthSoFar != length) {
                throw new Unreadable("a DAP frame has two different Content-Length headers");
            }
            return length;
        }
        if (name.equalsIgnoreCase("Content-Type")) {
            String type = value.toLowerCase(Locale.ROOT).replace(" ", "");
            if (type.contains("charset=") && !type.contains("charset=utf-8") && !type.contains("charset=utf8")) {
                throw new Unreadable("only UTF-8 DAP messages are read, got Content-Type " + quote(value));
            }
        }
        return lengthSoFar; // other headers carry nothing DAP needs
    }

    private static long contentLength(String value) throws Unreadable {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new Unreadable("Content-Length must be a number of bytes, got " + quote(value));
        }
        long length = Long.parseLong(value);
        if (length > MAX_CONTENT_LENGTH) {
            throw new Unreadable("Content-Length " + length + " is over the limit of " + (MAX_CONTENT_LENGTH >> 20)
                    + " MiB for one DAP message");
        }
        return length;
    }

    /** "Name: value" with a name of token characters (RFC 7230). */
    private static boolean isHeader(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char ch = line.charAt(i);
            if (!(Character.isLetterOrDigit(ch) && ch < 128) && "!#$%&'*+-.^_`|~".indexOf(ch) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The first byte that is not whitespace; -1 at the end of the input. */
    private int skipWhitespace() throws IOException {
        int c;
        do {
            c = in.read();
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
        return c;
    }

    /** A header line starting with byte {@code first}, without its CR LF (or LF). */
    private String readLine(int first) throws IOException, Unreadable {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c = first;
        while (c != '\n') {
            if (c < 0) {
                throw new Unreadable("the input ended inside a DAP frame's header");
            }
            if (line.size() == MAX_HEADER_LINE) {
                throw new Unreadable("a DAP header line is longer than " + MAX_HEADER_LINE + " bytes");
            }
            line.write(c);
            c = in.read();
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Up to {@code length} bytes: fewer when the JSON value ends first (see JsonEnd). */
    private byte[] readBody(int length) throws IOException, Unreadable {
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(length, 1 << 16));
        JsonEnd end = new JsonEnd();
        while (body.size() < length) {
            int c = in.read();
            if (c < 0) {
                throw new Unreadable("the input ended inside a DAP message (" + body.size() + " of its " + length
                        + " bytes arrived)");
            }
            body.write(c);
            if (end.ends(c)) {
                break;
            }
        }
        return body.toByteArray();
    }

    private void deliver(byte[] body, MessageConsumer consumer) {
        String text = new String(body, StandardCharsets.UTF_8);
        Message message;
        try {
            message = json.parseMessage(text);
        } catch (MessageIssueException e) {
            issues.handle(e.getRpcMessage(), e.getIssues()); // a request with malformed arguments: answered
            return;
        } catch (RuntimeException | StackOverflowError e) {
            // Not JSON, not a DAP message, or nested deeper than the JSON reader's stack: if it looks
            // like a request, it is answered with an error; otherwise it is reported.
            String why = e instanceof StackOverflowError ? "nested too deeply" : CleanErrors.describe(e);
            Optional<RequestMessage> request = RequestSketch.of(text);
            if (request.isPresent()) {
                issues.handle(request.get(), List.of(new MessageIssue(why)));
            } else {
                problems.skipped("skipped a message that is not a DAP message (" + why + "): " + quote(text));
            }
            return;
        }
        if (message == null) {
            problems.skipped("skipped an empty DAP message");
            return;
        }
        consumer.consume(message);
    }

    /** At most 200 characters of {@code text}, quoted, for a message. */
    static String quote(String text) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return "'" + shown.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    /** Tells where a JSON object or array ends, byte by byte; other bodies never end early. */
    static final class JsonEnd {
        private int depth;
        private boolean started;
        private boolean scanning = true;
        private boolean inString;
        private boolean escaped;

        /** True when byte {@code c} closes the top-level object or array. */
        boolean ends(int c) {
            if (!scanning) {
                return false;
            }
            if (!started) {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    return false;
                }
                started = true;
                scanning = c == '{' || c == '[';
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                return false;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                return depth == 0;
            }
            return false;
        }
    }
}
