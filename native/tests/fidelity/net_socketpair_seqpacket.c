/* net_socketpair_seqpacket: socketpair(AF_UNIX, SOCK_SEQPACKET) keeps record boundaries and
 * MSG_EOR; SO_TYPE reads SOCK_SEQPACKET; a short buffer truncates (MSG_TRUNC in msg_flags);
 * socketpair of SOCK_DGRAM works, of AF_INET is EOPNOTSUPP; close of one end gives EOF on the
 * other and EPIPE (with SIGPIPE ignored) on write. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    int sv[2];
    OK(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == 0, "socketpair SEQPACKET");
    int type = 0;
    socklen_t len = sizeof type;
    OK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_SEQPACKET, "SO_TYPE");
    OK(send(sv[0], "abc", 3, 0) == 3 && send(sv[0], "defghij", 7, 0) == 7, "two records");
    char buf[16] = {0};
    OK(recv(sv[1], buf, sizeof buf, 0) == 3 && memcmp(buf, "abc", 3) == 0, "the first record alone");
    struct iovec iov = {buf, 4};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
    memset(buf, 0, sizeof buf);
    OK(recvmsg(sv[1], &mh, 0) == 4 && (mh.msg_flags & MSG_TRUNC) && memcmp(buf, "defg", 4) == 0,
       "a short buffer: 4 bytes and MSG_TRUNC");
    int dg[2];
    OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, dg) == 0, "socketpair DGRAM");
    int in[2];
    errno = 0;
    OK(socketpair(AF_INET, SOCK_STREAM, 0, in) == -1 && errno == EOPNOTSUPP, "AF_INET: EOPNOTSUPP");
    close(sv[0]);
    OK(recv(sv[1], buf, sizeof buf, 0) == 0, "the peer closed: EOF");
    errno = 0;
    OK(send(sv[1], "x", 1, 0) == -1 && errno == EPIPE, "write to it: EPIPE");
    SHOW("fds %d %d %d %d", sv[0], sv[1], dg[0], dg[1]);
    return FIDELITY_END();
}
