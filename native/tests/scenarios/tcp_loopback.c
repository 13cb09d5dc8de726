/* tcp_loopback: a TCP connection to itself on 127.0.0.1 with an ephemeral port: socket, bind,
 * getsockname, listen, connect, accept4, setsockopt/getsockopt, send/recv, getpeername. The port
 * differs on every run; replay must print the recorded one and send nothing. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 4) != 0) {
        perror("bind/listen");
        return 1;
    }
    socklen_t len = sizeof a;
    getsockname(ls, (struct sockaddr *)&a, &len);
    printf("listening on 127.0.0.1:%d\n", ntohs(a.sin_port));
    int c = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("connect");
        return 1;
    }
    struct sockaddr_in peer;
    len = sizeof peer;
    int s = accept4(ls, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
    printf("accepted from %s:%d\n", inet_ntoa(peer.sin_addr), ntohs(peer.sin_port));
    struct sockaddr_in local;
    len = sizeof local;
    getsockname(c, (struct sockaddr *)&local, &len);
    printf("client local port %d (matches: %d)\n", ntohs(local.sin_port),
           local.sin_port == peer.sin_port);
    int v = 0;
    len = sizeof v;
    getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len);
    printf("TCP_NODELAY %d\n", v != 0);
    const char *msg = "hello over tcp";
    ssize_t n = send(c, msg, strlen(msg), 0);
    char buf[64] = {0};
    ssize_t m = recv(s, buf, sizeof buf - 1, 0);
    printf("sent %zd received %zd: %s\n", n, m, buf);
    n = write(s, "reply", 5);
    m = read(c, buf, sizeof buf);
    printf("reply %zd/%zd: %.*s\n", n, m, (int)m, buf);
    struct sockaddr_in pn;
    len = sizeof pn;
    getpeername(s, (struct sockaddr *)&pn, &len);
    printf("peer port again %d\n", ntohs(pn.sin_port));
    close(c);
    m = recv(s, buf, sizeof buf, 0);
    printf("recv after close: %zd\n", m);
    return 0;
}
