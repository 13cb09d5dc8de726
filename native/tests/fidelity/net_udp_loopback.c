/* net_udp_loopback: UDP on loopback: sendto/recvfrom with the sender's address and port,
 * datagram boundaries, MSG_PEEK, MSG_TRUNC (real length), recvmsg's MSG_TRUNC flag, a connected
 * socket's send/recv and its getpeername; IP_PKTINFO gives the destination address in a
 * control message. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    int r = socket(AF_INET, SOCK_DGRAM, 0), s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in ra = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)}, sa = ra;
    socklen_t len = sizeof ra;
    OK(bind(r, (struct sockaddr *)&ra, len) == 0 &&
       getsockname(r, (struct sockaddr *)&ra, &len) == 0, "bind r");
    len = sizeof sa;
    OK(bind(s, (struct sockaddr *)&sa, len) == 0 &&
       getsockname(s, (struct sockaddr *)&sa, &len) == 0, "bind s");
    OK(sendto(s, "first", 5, 0, (struct sockaddr *)&ra, sizeof ra) == 5, "sendto 5");
    OK(sendto(s, "a longer second one", 19, 0, (struct sockaddr *)&ra, sizeof ra) == 19, "sendto 19");
    char buf[64] = {0};
    struct sockaddr_in from;
    socklen_t flen = sizeof from;
    OK(recvfrom(r, buf, sizeof buf, MSG_PEEK, (struct sockaddr *)&from, &flen) == 5, "MSG_PEEK the first");
    memset(&from, 0, sizeof from);
    flen = sizeof from;
    OK(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen) == 5 && flen == sizeof from &&
           from.sin_port == sa.sin_port && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
       "recvfrom: 5 bytes from s's port");
    OK(recv(r, buf, 4, MSG_TRUNC) == 19, "MSG_TRUNC: the real length 19");
    OK(sendto(s, "0123456789", 10, 0, (struct sockaddr *)&ra, sizeof ra) == 10, "sendto 10");
    int on = 1;
    setsockopt(r, IPPROTO_IP, IP_PKTINFO, &on, sizeof on);
    OK(sendto(s, "pk", 2, 0, (struct sockaddr *)&ra, sizeof ra) == 2, "sendto 2");
    char ctl[256];
    struct iovec iov = {buf, 3};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
    OK(recvmsg(r, &mh, 0) == 3 && (mh.msg_flags & MSG_TRUNC), "recvmsg 3 of 10: MSG_TRUNC flag");
    mh = (struct msghdr){.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl};
    OK(recvmsg(r, &mh, 0) == 2, "recvmsg the next");
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    OK(c && c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO &&
           ((struct in_pktinfo *)CMSG_DATA(c))->ipi_addr.s_addr == htonl(INADDR_LOOPBACK),
       "IP_PKTINFO: sent to 127.0.0.1");
    OK(connect(s, (struct sockaddr *)&ra, sizeof ra) == 0 && send(s, "c", 1, 0) == 1, "connected send");
    struct sockaddr_in peer;
    socklen_t plen = sizeof peer;
    OK(getpeername(s, (struct sockaddr *)&peer, &plen) == 0 && peer.sin_port == ra.sin_port, "getpeername");
    OK(recv(r, buf, sizeof buf, 0) == 1 && buf[0] == 'c', "received");
    SHOW("ports %d %d", ntohs(ra.sin_port), ntohs(sa.sin_port));
    return FIDELITY_END();
}
