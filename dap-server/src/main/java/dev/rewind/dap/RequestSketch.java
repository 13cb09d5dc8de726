/*
 * RequestSketch: the seq and command of a request whose JSON cannot be read as a whole (cut short,
 * broken, nested too deeply), found by looking for its top-level "seq", "type": "request" and
 * "command" members, so that it can still be answered with an error instead of nothing.
 * Only members at the object's first level count; strings are skipped correctly.
 */
package dev.rewind.dap;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugRequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;

final class RequestSketch {
    /** A member at the current position: "name" : value (a number or a simple string). */
    private static final Pattern MEMBER = Pattern.compile(
            "\\s*\"(seq|type|command)\"\\s*:\\s*(\\d{1,9}|\"[A-Za-z/]{1,64}\")");

    private RequestSketch() {
    }

    /** The request {@code text} was meant to be, if its seq, type and command can be told. */
    static Optional<RequestMessage> of(String text) {
        Map<String, String> members = topLevelMembers(text);
        if (!"request".equals(members.get("type")) || members.get("seq") == null || members.get("command") == null) {
            return Optional.empty();
        }
        DebugRequestMessage request = new DebugRequestMessage();
        request.setId(Integer.parseInt(members.get("seq")));
        request.setMethod(members.get("command"));
        return Optional.of(request);
    }

    /** seq, type and command where they appear at depth 1 of the text's object. */
    private static Map<String, String> topLevelMembers(String text) {
        Map<String, String> found = new HashMap<>();
        if (!text.strip().startsWith("{")) {
            return found;
        }
        Matcher member = MEMBER.matcher(text);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    depth++;
                    if (depth == 1) {
                        read(member.reset(), i + 1, found);
                    }
                }
                case '}', ']' -> depth--;
                case ',' -> {
                    if (depth == 1) {
                        read(member.reset(), i + 1, found);
                    }
                }
                default -> {
                }
            }
        }
        return found;
    }

    /** The member starting at {@code from}, if it is one of ours ({@code member} reset: its region is the text). */
    private static void read(Matcher member, int from, Map<String, String> found) {
        member.region(from, member.regionEnd());
        if (member.lookingAt()) {
            String value = member.group(2);
            found.putIfAbsent(member.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
        }
    }
}
