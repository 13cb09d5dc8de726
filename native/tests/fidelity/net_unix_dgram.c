/* net_unix_dgram: AF_UNIX datagram sockets: sendto a bound path, recvfrom gives the sender's
 * bound path and keeps message boundaries; a datagram larger than the buffer is cut and
 * MSG_TRUNC makes recv return its real length (the rest is lost); an unbound sender has no
 * address (length 0); connect fixes the peer. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stddef.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static socklen_t bind_in(int fd, const char *dir, const char *name, struct sockaddr_un *a)
{
    *a = (struct sockaddr_un){.sun_family = AF_UNIX};
    snprintf(a->sun_path, sizeof a->sun_path, "%s/%s", dir, name);
    socklen_t len = offsetof(struct sockaddr_un, sun_path) + strlen(a->sun_path) + 1;
    return bind(fd, (struct sockaddr *)a, len) == 0 ? len : 0;
}

int main(void)
{
    char dir[] = "/tmp/rewind-fid-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    struct sockaddr_un ra, sa;
    int r = socket(AF_UNIX, SOCK_DGRAM, 0), s = socket(AF_UNIX, SOCK_DGRAM, 0);
    socklen_t rlen = bind_in(r, dir, "r", &ra);
    OK(rlen > 0 && bind_in(s, dir, "s", &sa) > 0, "bind both");
    OK(sendto(s, "one", 3, 0, (struct sockaddr *)&ra, rlen) == 3, "sendto 3 bytes");
    OK(sendto(s, "second message", 14, 0, (struct sockaddr *)&ra, rlen) == 14, "sendto 14 bytes");
    char buf[64];
    struct sockaddr_un from;
    socklen_t flen = sizeof from;
    memset(&from, 0, sizeof from);
    OK(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen) == 3 &&
       strcmp(from.sun_path, sa.sun_path) == 0,
       "one datagram, from the sender's path");
    memset(buf, 0, sizeof buf);
    OK(recv(r, buf, 6, MSG_TRUNC) == 14 && memcmp(buf, "second", 6) == 0 && buf[6] == 0,
       "MSG_TRUNC: the real length, 6 bytes copied");
    int u = socket(AF_UNIX, SOCK_DGRAM, 0);
    OK(sendto(u, "anon", 4, 0, (struct sockaddr *)&ra, rlen) == 4, "an unbound sender");
    flen = sizeof from;
    memset(&from, 0xee, sizeof from);
    OK(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen) == 4 && flen == 0,
       "its address: none (length 0)");
    OK(connect(u, (struct sockaddr *)&ra, rlen) == 0 && send(u, "conn", 4, 0) == 4, "connect, send");
    memset(buf, 0, sizeof buf);
    OK(recv(r, buf, sizeof buf, MSG_DONTWAIT) == 4 && memcmp(buf, "conn", 4) == 0, "received");
    errno = 0;
    OK(recv(r, buf, sizeof buf, MSG_DONTWAIT) == -1 && errno == EAGAIN, "empty: EAGAIN");
    SHOW("dir %s", dir);
    close(u);
    close(s);
    close(r);
    unlink(ra.sun_path);
    unlink(sa.sun_path);
    rmdir(dir);
    return FIDELITY_END();
}
