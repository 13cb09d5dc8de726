/* net_udp_refused: a connected UDP socket that sends to a loopback port nobody listens on gets
 * the ICMP port-unreachable as an error: a later recv (or send) fails with ECONNREFUSED, and
 * SO_ERROR then reads 0 (the error is reported once); an unconnected socket does not see it. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    int probe = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    OK(bind(probe, (struct sockaddr *)&a, len) == 0 && getsockname(probe, (struct sockaddr *)&a, &len) == 0,
       "find a free port");
    close(probe);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    OK(connect(s, (struct sockaddr *)&a, sizeof a) == 0, "connect to the closed port");
    OK(send(s, "ping", 4, 0) == 4, "send succeeds");
    struct pollfd p = {s, POLLIN, 0};
    poll(&p, 1, 2000);
    OK(p.revents & POLLERR, "poll: POLLERR");
    char c;
    errno = 0;
    OK(recv(s, &c, 1, MSG_DONTWAIT) == -1 && errno == ECONNREFUSED, "recv: ECONNREFUSED");
    int err = -1;
    socklen_t elen = sizeof err;
    OK(getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &elen) == 0 && err == 0, "reported once: SO_ERROR 0");
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    OK(sendto(u, "x", 1, 0, (struct sockaddr *)&a, sizeof a) == 1, "an unconnected sendto");
    struct pollfd q = {u, POLLIN, 0};
    errno = 0;
    OK(poll(&q, 1, 50) == 0 && recv(u, &c, 1, MSG_DONTWAIT) == -1 && errno == EAGAIN, "it sees no error");
    SHOW("port %d", ntohs(a.sin_port));
    return FIDELITY_END();
}
