/* net_tcp_flow: TCP on loopback: a nonblocking connect (EINPROGRESS, then writable and SO_ERROR
 * 0, or done at once), accept4, data both ways in several segments read whole, MSG_PEEK,
 * MSG_WAITALL, FIONREAD of the queued bytes, shutdown(SHUT_WR) gives EOF, connect to a closed
 * port is ECONNREFUSED. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;
    OK(bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, 2) == 0 &&
           getsockname(l, (struct sockaddr *)&a, &alen) == 0, "listening");
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int r = connect(c, (struct sockaddr *)&a, sizeof a);
    OK(r == 0 || errno == EINPROGRESS, "nonblocking connect: done or EINPROGRESS");
    struct pollfd p = {c, POLLOUT, 0};
    OK(poll(&p, 1, 2000) == 1 && (p.revents & POLLOUT), "writable");
    int err = -1;
    socklen_t elen = sizeof err;
    OK(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &elen) == 0 && err == 0, "SO_ERROR 0: connected");
    int s = accept4(l, NULL, NULL, SOCK_CLOEXEC);
    OK(s >= 0, "accept4");
    fcntl(c, F_SETFL, 0);
    OK(write(c, "abc", 3) == 3 && write(c, "defgh", 5) == 5, "two writes");
    char buf[16] = {0};
    OK(recv(s, buf, 8, MSG_WAITALL) == 8 && memcmp(buf, "abcdefgh", 8) == 0, "MSG_WAITALL: all 8 bytes");
    OK(send(s, "0123456789", 10, 0) == 10, "send 10 back");
    struct pollfd q = {c, POLLIN, 0};
    poll(&q, 1, 2000);
    int queued = -1;
    OK(ioctl(c, FIONREAD, &queued) == 0 && queued == 10, "FIONREAD: 10 queued");
    memset(buf, 0, sizeof buf);
    OK(recv(c, buf, 4, MSG_PEEK) == 4 && memcmp(buf, "0123", 4) == 0, "MSG_PEEK 4");
    memset(buf, 0, sizeof buf);
    OK(read(c, buf, sizeof buf) == 10 && memcmp(buf, "0123456789", 10) == 0, "read all 10");
    OK(shutdown(s, SHUT_WR) == 0 && read(c, buf, sizeof buf) == 0, "SHUT_WR: EOF");
    close(s);
    close(c);
    close(l);
    int d = socket(AF_INET, SOCK_STREAM, 0);
    errno = 0;
    OK(connect(d, (struct sockaddr *)&a, sizeof a) == -1 &&
       errno == ECONNREFUSED, "closed port: ECONNREFUSED");
    SHOW("port %d", ntohs(a.sin_port));
    close(d);
    return FIDELITY_END();
}
