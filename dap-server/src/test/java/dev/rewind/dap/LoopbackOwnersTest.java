/*
 * LoopbackOwnersTest: the kernel's socket table rows are read right (IPv4 and IPv6 forms, the
 * kernel's byte order, IPv4-mapped addresses), the client's row is told from the server's, dead
 * rows (inode 0) and disagreeing rows give no owner; and on this machine a real loopback
 * connection is found to belong to this process's user.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LoopbackOwnersTest {
    private static final String TITLE = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode";
    /** Server 127.0.0.1:8080 listening (root), its accepted end, and the client's end (uid 1000, port 41234). */
    private static final List<String> TCP = List.of(TITLE,
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1289 1 0 100 0 0 10 0",
            "   1: 0100007F:1F90 0100007F:A112 01 00000000:00000000 00:00000000 00000000     0        0 51230 1 0 20 4 30 10 -1",
            "   2: 0100007F:A112 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 51234 1 0 20 4 30 10 -1");
    /** The same connection as a dual-stack JVM makes it: IPv4-mapped IPv6 addresses in tcp6. */
    private static final List<String> TCP6 = List.of(TITLE,
            "   0: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:A112 01 00000000:00000000"
                    + " 00:00000000 00000000     0        0 432656 1 0 20 0 0 10 -1",
            "   1: 0000000000000000FFFF00000100007F:A112 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000"
                    + " 00:00000000 00000000  1000        0 432655 2 0 20 0 0 10 -1",
            "   2: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000"
                    + " 00:00000000 00000000     0        0 999 1 0 100 0 0 10 0");

    private static InetSocketAddress loopback(int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
    }

    @Test
    void rowsAreReadInTheKernelsByteOrder() throws Exception {
        List<LoopbackOwners.Row> rows = LoopbackOwners.parse(TCP);
        assertEquals(3, rows.size(), "the title line is not a row");
        LoopbackOwners.Row client = rows.get(2);
        assertEquals(loopback(0xA112), client.local());
        assertEquals(loopback(8080), client.remote());
        assertEquals(1000, client.uid());
        assertEquals(51234, client.inode());
        LoopbackOwners.Row ssh6 = LoopbackOwners.parse(TCP6).get(2);
        assertEquals(InetAddress.getByName("::1"), ssh6.local().getAddress());
        assertEquals(22, ssh6.local().getPort());
        assertTrue(LoopbackOwners.parseRow("garbage line").isEmpty());
        assertTrue(LoopbackOwners.parseRow("   0: 0100007F:1F90 0100007F 01 x x x 0 0 1").isEmpty());
    }

    @Test
    void theClientsRowIsToldFromTheServers() throws Exception {
        assertEquals(OptionalInt.of(1000), LoopbackOwners.ownerOf(LoopbackOwners.parse(TCP), loopback(0xA112), loopback(8080)));
        assertEquals(OptionalInt.of(1000), LoopbackOwners.ownerOf(LoopbackOwners.parse(TCP6), loopback(0xA112), loopback(8080)));
        assertEquals(OptionalInt.empty(), LoopbackOwners.ownerOf(LoopbackOwners.parse(TCP), loopback(0xA113), loopback(8080)));
    }

    @Test
    void deadOrDisagreeingRowsNameNoOwner() throws Exception {
        String dead = "   3: 0100007F:A112 0100007F:1F90 06 00000000:00000000 03:00000000 00000000     0        0 0 3 0";
        assertEquals(OptionalInt.empty(), LoopbackOwners.ownerOf(LoopbackOwners.parse(List.of(dead)), loopback(0xA112),
                loopback(8080)));
        String other = "   4: 0100007F:A112 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1001        0 7 1 0";
        List<String> both = List.of(TCP.get(3), other);
        assertEquals(OptionalInt.empty(), LoopbackOwners.ownerOf(LoopbackOwners.parse(both), loopback(0xA112), loopback(8080)));
    }

    @Test
    void aRealLoopbackConnectionBelongsToThisUser() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            OptionalInt owner = LoopbackOwners.ownerOf((InetSocketAddress) accepted.getRemoteSocketAddress(),
                    (InetSocketAddress) accepted.getLocalSocketAddress());
            assertEquals(OptionalInt.of(LoopbackOwners.ownUid()), owner);
        }
    }
}
