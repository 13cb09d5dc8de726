/* net_tcp_ipv6: TCP over the IPv6 loopback (::1) when the host has it (else bind fails with
 * EADDRNOTAVAIL or socket with EAFNOSUPPORT, accepted): sockaddr_in6 from getsockname/accept,
 * IPV6_V6ONLY read back, data through; an IPv4-mapped address on a dual-stack socket. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    int l = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
    if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof a) < 0) {
        OK(errno == EAFNOSUPPORT || errno == EADDRNOTAVAIL, "no IPv6 loopback here");
        return FIDELITY_END();
    }
    OK(1, "bound to ::1");
    socklen_t len = sizeof a;
    OK(listen(l, 1) == 0 && getsockname(l, (struct sockaddr *)&a, &len) == 0 && len == sizeof a &&
       a.sin6_port,
       "listening on an ephemeral port");
    int c = socket(AF_INET6, SOCK_STREAM, 0);
    OK(connect(c, (struct sockaddr *)&a, sizeof a) == 0, "connect to ::1");
    struct sockaddr_in6 peer;
    socklen_t plen = sizeof peer;
    int s = accept(l, (struct sockaddr *)&peer, &plen);
    OK(s >= 0 && plen == sizeof peer && IN6_IS_ADDR_LOOPBACK(&peer.sin6_addr), "accepted from ::1");
    char buf[8] = {0};
    OK(write(c, "six", 3) == 3 && read(s, buf, sizeof buf) == 3 && strcmp(buf, "six") == 0, "data");
    int v6only = -1;
    socklen_t vlen = sizeof v6only;
    OK(getsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &vlen) == 0 && (v6only == 0 ||
       v6only == 1), "IPV6_V6ONLY");
    char text[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, &peer.sin6_addr, text, sizeof text);
    SHOW("%s port %d", text, ntohs(peer.sin6_port));
    close(s);
    close(c);
    close(l);
    return FIDELITY_END();
}
