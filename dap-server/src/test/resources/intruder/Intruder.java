/*
 * Intruder: what another local user would try against `rewind dap`: connect (to 127.0.0.1:PORT
 * or a Unix socket), then ask it to run a command as its user. Run by OtherUserTest as a second
 * user with `java Intruder.java tcp PORT MARKER` or `java Intruder.java unix PATH MARKER`.
 * Prints one line and exits: 0 CLOSED (the server closed without answering anything),
 * 2 ANSWERED (the server sent bytes: it served us), 3 CANNOT-CONNECT (the kernel refused).
 */
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

public class Intruder {
    public static void main(String[] args) throws Exception {
        String marker = args[2];
        InputStream in;
        OutputStream out;
        try {
            if (args[0].equals("tcp")) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1]));
                s.setSoTimeout(60_000);
                in = s.getInputStream();
                out = s.getOutputStream();
            } else {
                SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(args[1]));
                in = Channels.newInputStream(c);
                out = Channels.newOutputStream(c);
            }
        } catch (IOException e) {
            System.out.println("CANNOT-CONNECT " + e.getMessage());
            System.exit(3);
            return;
        }
        try {
            out.write(frame("{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"adapterID\":\"x\"}}"));
            out.write(frame("{\"seq\":2,\"type\":\"request\",\"command\":\"launch\",\"arguments\":{\"program\":\"/bin/sh\","
                    + "\"args\":[\"-c\",\"touch " + marker + "\"]}}"));
            out.write(frame("{\"seq\":3,\"type\":\"request\",\"command\":\"configurationDone\"}"));
            out.flush();
        } catch (IOException e) {
            // the server may have closed before we wrote: that is a refusal too
        }
        try {
            int first = in.read();
            if (first >= 0) {
                System.out.println("ANSWERED " + (char) first + new String(in.readNBytes(Math.max(0, in.available())),
                        StandardCharsets.UTF_8));
                System.exit(2);
            }
        } catch (IOException e) {
            // a reset is the server closing on us too
        }
        System.out.println("CLOSED");
        System.exit(0);
    }

    private static byte[] frame(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        byte[] h = ("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }
}
