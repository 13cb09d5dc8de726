/*
 * LoopbackOwners: who owns the other end of a loopback TCP connection, from the kernel's socket
 * tables (/proc/net/tcp and /proc/net/tcp6). The client's socket is the row whose local address is
 * the peer's address and port and whose remote address is ours; its uid column is the user whose
 * process made the connection. Rows of sockets no process holds any more (inode 0: TIME_WAIT and
 * orphans) say nothing about an owner and are left out.
 *
 * Row format (one line per socket, after a title line):
 *   "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
 *   "   3: 0100007F:A1B2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 51234 ..."
 * Addresses are hexadecimal in the kernel's byte order (32-bit words, little-endian on x86-64):
 * 127.0.0.1 is 0100007F; in tcp6, ::ffff:127.0.0.1 is 0000000000000000FFFF00000100007F. Ports are
 * plain hexadecimal numbers.
 */
package dev.rewind.dap;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

public final class LoopbackOwners {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    /** One socket of the table: its two ends, and the uid and inode that hold it. */
    public record Row(InetSocketAddress local, InetSocketAddress remote, int uid, long inode) {
    }

    private LoopbackOwners() {
    }

    /**
     * This process's uid as the kernel writes it in the socket tables (a socket belongs to the
     * filesystem uid of the process that made it): the fourth number of /proc/self/status's "Uid:".
     */
    public static int ownUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                return Integer.parseUnsignedInt(ids[ids.length - 1]);
            }
        }
        throw new IOException("/proc/self/status has no Uid line");
    }

    /** The uid owning the socket connected from {@code peer} to {@code ours}; empty when no live socket is. */
    public static OptionalInt ownerOf(InetSocketAddress peer, InetSocketAddress ours) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Path table : TABLES) {
            if (Files.exists(table)) {
                rows.addAll(parse(Files.readAllLines(table, StandardCharsets.US_ASCII)));
            }
        }
        return ownerOf(rows, peer, ours);
    }

    /**
     * The uid of the live rows from {@code peer} to {@code ours}; empty when there is none, or when
     * two disagree (then nobody can be trusted to own it).
     */
    public static OptionalInt ownerOf(List<Row> rows, InetSocketAddress peer, InetSocketAddress ours) {
        OptionalInt owner = OptionalInt.empty();
        for (Row r : rows) {
            if (r.inode() != 0 && same(r.local(), peer) && same(r.remote(), ours)) {
                if (owner.isPresent() && owner.getAsInt() != r.uid()) {
                    return OptionalInt.empty();
                }
                owner = OptionalInt.of(r.uid());
            }
        }
        return owner;
    }

    /** The rows of one table's lines (the title line and lines that are not rows are left out). */
    public static List<Row> parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            parseRow(line).ifPresent(rows::add);
        }
        return rows;
    }

    /** One row, or empty for a line that is not one. */
    public static Optional<Row> parseRow(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[0].endsWith(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Row(address(f[1]), address(f[2]), Integer.parseUnsignedInt(f[7]),
                    Long.parseLong(f[9])));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return Optional.empty(); // not a row of the format above
        }
    }

    /** "0100007F:1F90" or a 32-digit IPv6 form, to an address and port. */
    static InetSocketAddress address(String field) throws UnknownHostException {
        int colon = field.indexOf(':');
        if (colon < 0 || (colon != 8 && colon != 32)) {
            throw new IllegalArgumentException("not an address: " + field);
        }
        byte[] bytes = new byte[colon / 2];
        for (int word = 0; word < colon / 8; word++) {
            long value = Long.parseLong(field.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                bytes[word * 4 + b] = (byte) (value >>> (8 * b)); // little-endian words
            }
        }
        int port = Integer.parseInt(field.substring(colon + 1), 16);
        return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
    }

    /** Same port, and the same address once IPv4-mapped IPv6 addresses are read as IPv4. */
    static boolean same(InetSocketAddress a, InetSocketAddress b) {
        return a.getPort() == b.getPort() && Arrays.equals(ipv4(a.getAddress()), ipv4(b.getAddress()));
    }

    private static byte[] ipv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                return Arrays.copyOfRange(bytes, 12, 16);
            }
        }
        return bytes;
    }
}
