/*
 * FrameMutations: one DAP frame damaged at random, the ways a broken or hostile client damages
 * them: the body cut short, the Content-Length a few bytes off or absurd (10^12, 2^63, negative,
 * words), bytes flipped, inserted or made invalid UTF-8, header lines broken or added, line ends
 * changed, and bodies nested far past any stack.
 */
package dev.rewind.dap;

import static dev.rewind.dap.RawDap.concat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

final class FrameMutations {
    private static final List<String> ABSURD_LENGTHS = List.of("1000000000000", "9223372036854775807",
            "99999999999999999999", "-1", "-2147483648", "ten", "", "0x20", "1e3", " 12 12", "+5", "67108865");

    private FrameMutations() {
    }

    static byte[] mutate(Random random, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(12)) {
            case 0 -> withLength(random.nextInt(b.length), java.util.Arrays.copyOf(b, random.nextInt(b.length)));
            case 1 -> withLength(b.length + 1 + random.nextInt(8), b);
            case 2 -> withLength(Math.max(0, b.length - 1 - random.nextInt(8)), b);
            case 3 -> header("Content-Length: " + ABSURD_LENGTHS.get(random.nextInt(ABSURD_LENGTHS.size())), b);
            case 4 -> withLength(b.length, flip(random, b, 1 + random.nextInt(4)));
            case 5 -> withLength(b.length + 1, insert(random, b));
            case 6 -> header("Content-Length: " + b.length + "\r\n" + brokenHeader(random), b);
            case 7 -> concat(("Content-Length: " + b.length + "\n\n").getBytes(StandardCharsets.US_ASCII), b);
            case 8 -> nested(random);
            case 9 -> withLength(b.length, invalidUtf8(random, b));
            case 10 -> concat(("Content-Length: " + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII), b);
            default -> withLength(b.length + 1000 + random.nextInt(100_000), b);
        };
    }

    private static byte[] withLength(int length, byte[] body) {
        return header("Content-Length: " + length, body);
    }

    private static byte[] header(String lines, byte[] body) {
        return concat((lines + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
    }

    private static String brokenHeader(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "no colon here";
            case 1 -> "Content-Type: application/vscode-jsonrpc; charset=latin1";
            case 2 -> "X-Extra: fine";
            case 3 -> "Content-Length: 3";
            default -> ": empty name";
        };
    }

    private static byte[] flip(Random random, byte[] b, int count) {
        byte[] copy = b.clone();
        for (int i = 0; i < count; i++) {
            String replacements = " {}[]\",:\\0a9-\r\n";
            copy[random.nextInt(copy.length)] = (byte) replacements.charAt(random.nextInt(replacements.length()));
        }
        return copy;
    }

    private static byte[] insert(Random random, byte[] b) {
        int at = random.nextInt(b.length + 1);
        byte[] copy = new byte[b.length + 1];
        System.arraycopy(b, 0, copy, 0, at);
        String insertions = "{[\"\\,:}]";
        copy[at] = (byte) insertions.charAt(random.nextInt(insertions.length()));
        System.arraycopy(b, at, copy, at + 1, b.length - at);
        return copy;
    }

    private static byte[] invalidUtf8(Random random, byte[] b) {
        byte[] copy = b.clone();
        copy[random.nextInt(copy.length)] = (byte) (0x80 + random.nextInt(0x7f));
        return copy;
    }

    /** A request whose arguments are nested tens of thousands deep. */
    private static byte[] nested(Random random) {
        int depth = 20_000 + random.nextInt(80_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String body = "{\"seq\":7,\"type\":\"request\",\"command\":\"evaluate\",\"arguments\":{\"expression\":"
                + open.repeat(depth) + "1" + close.repeat(depth) + "}}";
        return withLength(body.getBytes(StandardCharsets.UTF_8).length, body.getBytes(StandardCharsets.UTF_8));
    }
}
