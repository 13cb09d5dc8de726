/* net_mmsg: sendmmsg sends several UDP datagrams in one call and sets each msg_len; recvmmsg
 * receives them into separate buffers, each msg_len and source address filled, and returns how
 * many; with MSG_DONTWAIT and nothing queued it is EAGAIN. */
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
    struct sockaddr_in ra = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof ra;
    OK(bind(r, (struct sockaddr *)&ra, len) == 0 &&
       getsockname(r, (struct sockaddr *)&ra, &len) == 0, "bind");
    OK(connect(s, (struct sockaddr *)&ra, sizeof ra) == 0, "connect the sender");
    const char *texts[3] = {"a", "bb", "cccccc"};
    struct iovec siov[3];
    struct mmsghdr out[3];
    memset(out, 0, sizeof out);
    for (int i = 0; i < 3; i++) {
        siov[i] = (struct iovec){(void *)texts[i], strlen(texts[i])};
        out[i].msg_hdr.msg_iov = &siov[i];
        out[i].msg_hdr.msg_iovlen = 1;
    }
    OK(sendmmsg(s, out, 3, 0) == 3, "sendmmsg: 3 sent");
    OK(out[0].msg_len == 1 && out[1].msg_len == 2 && out[2].msg_len == 6, "each msg_len set");
    char bufs[4][16];
    struct iovec riov[4];
    struct sockaddr_in from[4];
    struct mmsghdr in[4];
    memset(in, 0, sizeof in);
    memset(bufs, 0, sizeof bufs);
    for (int i = 0; i < 4; i++) {
        riov[i] = (struct iovec){bufs[i], sizeof bufs[i]};
        in[i].msg_hdr = (struct msghdr){.msg_name = &from[i], .msg_namelen = sizeof from[i],
            .msg_iov = &riov[i],
                                        .msg_iovlen = 1};
    }
    OK(recvmmsg(r, in, 4, MSG_DONTWAIT, NULL) == 3, "recvmmsg: 3 received");
    OK(in[0].msg_len == 1 && in[1].msg_len == 2 && in[2].msg_len == 6 && strcmp(bufs[2], "cccccc") == 0 &&
           strcmp(bufs[1], "bb") == 0, "their lengths and bytes");
    struct sockaddr_in sname;
    len = sizeof sname;
    getsockname(s, (struct sockaddr *)&sname, &len);
    OK(in[1].msg_hdr.msg_namelen == sizeof from[1] && from[1].sin_port == sname.sin_port, "source addresses");
    errno = 0;
    OK(recvmmsg(r, in, 4, MSG_DONTWAIT, NULL) == -1 && errno == EAGAIN, "nothing left: EAGAIN");
    SHOW("from port %d", ntohs(from[0].sin_port));
    return FIDELITY_END();
}
