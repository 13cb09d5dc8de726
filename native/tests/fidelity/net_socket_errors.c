/* net_socket_errors: the errors the socket calls document: an unknown family EAFNOSUPPORT, a
 * wrong type for the protocol EPROTONOSUPPORT, bind of a used TCP port EADDRINUSE, bind of an
 * address not ours EADDRNOTAVAIL, listen on UDP EOPNOTSUPP, accept on a non-listening socket
 * EINVAL, send on an unconnected TCP socket EPIPE (SIGPIPE ignored), recv on it ENOTCONN, a
 * socket call on a pipe ENOTSOCK, getsockopt with a short length truncates. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    errno = 0;
    OK(socket(12345, SOCK_STREAM, 0) == -1 && errno == EAFNOSUPPORT, "unknown family: EAFNOSUPPORT");
    errno = 0;
    OK(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP) == -1 &&
       errno == EPROTONOSUPPORT, "UDP with TCP: EPROTONOSUPPORT");
    int a = socket(AF_INET, SOCK_STREAM, 0), b = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    OK(bind(a, (struct sockaddr *)&addr, len) == 0 && listen(a, 1) == 0 &&
           getsockname(a, (struct sockaddr *)&addr, &len) == 0, "a listener");
    errno = 0;
    OK(bind(b, (struct sockaddr *)&addr, sizeof addr) == -1 && errno == EADDRINUSE, "same port: EADDRINUSE");
    struct sockaddr_in far = {.sin_family = AF_INET, .sin_addr.s_addr = inet_addr("192.0.2.1")};
    errno = 0;
    OK(bind(b, (struct sockaddr *)&far, sizeof far) == -1 &&
       errno == EADDRNOTAVAIL, "not ours: EADDRNOTAVAIL");
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    errno = 0;
    OK(listen(u, 1) == -1 && errno == EOPNOTSUPP, "listen on UDP: EOPNOTSUPP");
    errno = 0;
    OK(accept(b, NULL, NULL) == -1 && errno == EINVAL, "accept without listen: EINVAL");
    char c;
    errno = 0;
    OK(send(b, "x", 1, 0) == -1 && errno == EPIPE, "send unconnected: EPIPE");
    errno = 0;
    OK(recv(b, &c, 1, 0) == -1 && errno == ENOTCONN, "recv unconnected: ENOTCONN");
    int p[2];
    pipe(p);
    errno = 0;
    OK(listen(p[0], 1) == -1 && errno == ENOTSOCK, "a pipe: ENOTSOCK");
    char small[2] = {0x55, 0x55};
    socklen_t slen = 2;
    OK(getsockopt(a, SOL_SOCKET, SO_TYPE, small, &slen) == 0 && slen == 2, "short optlen: truncated to 2");
    SHOW("port %d", ntohs(addr.sin_port));
    return FIDELITY_END();
}
