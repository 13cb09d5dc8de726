/*
 * OutputEvents: sends output events: the program's recorded stdout/stderr (decoded as UTF-8 across
 * chunk boundaries, one decoder per stream) and Rewind's own messages (category "console", or "important" for what must not be missed).
 */
package dev.rewind.dap;

import dev.rewind.core.session.OutputChannel;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

final class OutputEvents {
    private final Supplier<IDebugProtocolClient> client;
    private final Map<OutputChannel, CharsetDecoder> decoders = new EnumMap<>(OutputChannel.class);
    private final Map<OutputChannel, ByteBuffer> leftovers = new EnumMap<>(OutputChannel.class);

    OutputEvents(Supplier<IDebugProtocolClient> client) {
        this.client = client;
    }

    /** The program's output: category stdout or stderr. */
    synchronized void program(OutputChannel channel, byte[] bytes) {
        String text = decode(channel, bytes);
        if (!text.isEmpty()) {
            send(channel == OutputChannel.STDOUT ? OutputEventArgumentsCategory.STDOUT
                    : OutputEventArgumentsCategory.STDERR, text);
        }
    }

    /** Rewind's own message, one line in the debug console. */
    void console(String line) {
        send(OutputEventArgumentsCategory.CONSOLE, line.endsWith("\n") ? line : line + "\n");
    }

    /** A message the user must see (an editor may show it as a notification): category "important". */
    void important(String line) {
        send(OutputEventArgumentsCategory.IMPORTANT, line.endsWith("\n") ? line : line + "\n");
    }

    private void send(String category, String text) {
        IDebugProtocolClient c = client.get();
        if (c == null) {
            return; // no client connected yet: nobody to tell
        }
        OutputEventArguments args = new OutputEventArguments();
        args.setCategory(category);
        args.setOutput(text);
        c.output(args);
    }

    private String decode(OutputChannel channel, byte[] bytes) {
        CharsetDecoder decoder = decoders.computeIfAbsent(channel, c -> StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        ByteBuffer previous = leftovers.getOrDefault(channel, ByteBuffer.allocate(0));
        ByteBuffer in = ByteBuffer.allocate(previous.remaining() + bytes.length);
        in.put(previous).put(bytes).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        // An incomplete UTF-8 sequence at the end waits for the next chunk.
        leftovers.put(channel, ByteBuffer.wrap(java.util.Arrays.copyOfRange(in.array(), in.position(), in.limit())));
        out.flip();
        return out.toString();
    }
}
