/* net_unix_stream: AF_UNIX stream sockets bound to a path (in a mkdtemp directory): bind,
 * listen, connect (completes before accept), accept4 with SOCK_CLOEXEC|SOCK_NONBLOCK (the flags
 * show in fcntl), getsockname/getpeername give the path back with its length, SO_PEERCRED is our
 * pid/uid/gid, data flows both ways, MSG_PEEK leaves it queued, shutdown(SHUT_WR) gives the peer
 * EOF, an empty nonblocking socket is EAGAIN, connecting to a missing path is ENOENT. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/rewind-fid-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s/sock", dir);
    socklen_t alen = offsetof(struct sockaddr_un, sun_path) + strlen(addr.sun_path) + 1;
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    OK(l >= 0 && bind(l, (struct sockaddr *)&addr, alen) == 0 && listen(l, 4) == 0, "bind and listen");
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    OK(connect(c, (struct sockaddr *)&addr, alen) == 0, "connect before accept");
    int a = accept4(l, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    OK(a >= 0 && (fcntl(a, F_GETFD) & FD_CLOEXEC) && (fcntl(a, F_GETFL) & O_NONBLOCK), "accept4 flags");
    struct sockaddr_un got;
    socklen_t glen = sizeof got;
    memset(&got, 0, sizeof got);
    OK(getsockname(l, (struct sockaddr *)&got, &glen) == 0 && glen == alen &&
       strcmp(got.sun_path, addr.sun_path) == 0,
       "getsockname: the path and its length");
    glen = sizeof got;
    memset(&got, 0, sizeof got);
    OK(getpeername(c, (struct sockaddr *)&got, &glen) == 0 &&
       strcmp(got.sun_path, addr.sun_path) == 0, "getpeername");
    struct ucred cred;
    socklen_t clen = sizeof cred;
    OK(getsockopt(a, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == 0 && clen == sizeof cred &&
       cred.pid == getpid() &&
           cred.uid == getuid() && cred.gid == getgid(), "SO_PEERCRED: us");
    SHOW("peer pid %d path %s", cred.pid, addr.sun_path);
    OK(write(c, "hello", 5) == 5, "write 5");
    char buf[16] = {0};
    OK(recv(a, buf, sizeof buf, MSG_PEEK) == 5 && memcmp(buf, "hello", 5) == 0, "MSG_PEEK sees it");
    memset(buf, 0, sizeof buf);
    OK(read(a, buf, sizeof buf) == 5 && memcmp(buf, "hello", 5) == 0, "read still gets it");
    errno = 0;
    OK(read(a, buf, sizeof buf) == -1 && errno == EAGAIN, "empty: EAGAIN");
    OK(write(a, "back", 4) == 4 && read(c, buf, sizeof buf) == 4 && memcmp(buf, "back", 4) == 0, "other way");
    OK(shutdown(c, SHUT_WR) == 0 && read(a, buf, sizeof buf) == 0, "SHUT_WR: the peer reads EOF");
    close(a);
    close(c);
    close(l);
    struct sockaddr_un missing = {.sun_family = AF_UNIX};
    snprintf(missing.sun_path, sizeof missing.sun_path, "%s/none", dir);
    int d = socket(AF_UNIX, SOCK_STREAM, 0);
    errno = 0;
    OK(connect(d, (struct sockaddr *)&missing, sizeof missing) == -1 &&
       errno == ENOENT, "missing path: ENOENT");
    close(d);
    unlink(addr.sun_path);
    rmdir(dir);
    return FIDELITY_END();
}
