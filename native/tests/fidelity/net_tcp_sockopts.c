/* net_tcp_sockopts: TCP on loopback: bind to port 0 gets an ephemeral port (getsockname),
 * SO_REUSEADDR, TCP_NODELAY set and read back, SO_RCVBUF set to 64 KiB reads back doubled,
 * SO_KEEPALIVE, SO_LINGER's struct, TCP_MAXSEG, SO_ERROR 0, SO_ACCEPTCONN on the listener;
 * getpeername/getsockname of both ends agree; an unknown option is ENOPROTOOPT. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

static int get_int(int fd, int level, int opt)
{
    int v = -1;
    socklen_t len = sizeof v;
    return getsockopt(fd, level, opt, &v, &len) == 0 && len == sizeof v ? v : -1;
}

int main(void)
{
    int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    OK(setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
       get_int(l, SOL_SOCKET, SO_REUSEADDR) == 1,
       "SO_REUSEADDR");
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;
    OK(bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, 2) == 0, "bind port 0, listen");
    OK(getsockname(l, (struct sockaddr *)&a, &alen) == 0 && ntohs(a.sin_port) != 0, "an ephemeral port");
    OK(get_int(l, SOL_SOCKET, SO_ACCEPTCONN) == 1, "SO_ACCEPTCONN on the listener");
    int c = socket(AF_INET, SOCK_STREAM, 0);
    OK(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0 &&
       get_int(c, IPPROTO_TCP, TCP_NODELAY) == 1,
       "TCP_NODELAY");
    int rcv = 65536;
    OK(setsockopt(c, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv) == 0 &&
       get_int(c, SOL_SOCKET, SO_RCVBUF) == 2 * rcv,
       "SO_RCVBUF 64 KiB reads back doubled");
    OK(setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one) == 0 &&
       get_int(c, SOL_SOCKET, SO_KEEPALIVE) == 1,
       "SO_KEEPALIVE");
    struct linger lg = {1, 5}, lg2 = {0, 0};
    socklen_t lglen = sizeof lg2;
    OK(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == 0 &&
           getsockopt(c, SOL_SOCKET, SO_LINGER, &lg2, &lglen) == 0 && lg2.l_onoff == 1 && lg2.l_linger == 5,
       "SO_LINGER");
    OK(connect(c, (struct sockaddr *)&a, sizeof a) == 0, "connect");
    struct sockaddr_in peer, local, acc_peer;
    socklen_t plen = sizeof peer, llen = sizeof local, aplen = sizeof acc_peer;
    int s = accept(l, (struct sockaddr *)&acc_peer, &aplen);
    OK(s >= 0 && aplen == sizeof acc_peer, "accept with the peer's address");
    OK(getpeername(c, (struct sockaddr *)&peer, &plen) == 0 && peer.sin_port == a.sin_port, "getpeername");
    OK(getsockname(c, (struct sockaddr *)&local, &llen) == 0 && local.sin_port == acc_peer.sin_port &&
           local.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "the client's name is the accepted peer");
    OK(get_int(c, IPPROTO_TCP, TCP_MAXSEG) > 0, "TCP_MAXSEG");
    OK(get_int(c, SOL_SOCKET, SO_ERROR) == 0, "SO_ERROR 0");
    int v;
    socklen_t vlen = sizeof v;
    errno = 0;
    OK(getsockopt(c, SOL_SOCKET, 9999, &v, &vlen) == -1 && errno == ENOPROTOOPT, "option 9999: ENOPROTOOPT");
    SHOW("ports %d %d", ntohs(a.sin_port), ntohs(local.sin_port));
    close(s);
    close(c);
    close(l);
    return FIDELITY_END();
}
