/* io_select_high_fds: select and poll with descriptors above 64 and 100 (fd sets longer than one
 * word): the ready bits come back right in every word, the others cleared; nfds not a multiple
 * of 8. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <poll.h>
#include <sys/select.h>
#include <unistd.h>

int main(void)
{
    int p[2];
    pipe(p);
    OK(dup2(p[0], 70) == 70 && dup2(p[0], 130) == 130 && dup2(p[1], 131) == 131, "fds 70, 130 (read) and 131 (write)");
    int q[2];
    pipe(q);
    OK(dup2(q[0], 129) == 129, "fd 129: an idle pipe");
    char stamp[16];
    int len = snprintf(stamp, sizeof stamp, "%d", getpid());
    write(131, stamp, len);
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(3, &r);
    FD_SET(70, &r);
    FD_SET(129, &r);
    FD_SET(130, &r);
    FD_SET(131, &w);
    FD_SET(q[0], &r);
    struct timeval tv = {1, 0};
    int n = select(132, &r, &w, NULL, &tv);
    OK(n == 4 || n == 5, "select: the readable and writable ones");
    OK(FD_ISSET(70, &r) && FD_ISSET(130, &r) && !FD_ISSET(129, &r) && FD_ISSET(131, &w), "bits in the second and third words");
    struct pollfd f[3] = {{70, POLLIN, 0}, {129, POLLIN, 0}, {131, POLLOUT, 0}};
    OK(poll(f, 3, 0) == 2 && f[0].revents == POLLIN && f[1].revents == 0 && f[2].revents == POLLOUT, "poll agrees");
    char buf[16] = {0};
    OK(read(130, buf, sizeof buf) == len && memcmp(buf, stamp, len) == 0, "read through fd 130");
    SHOW("%s", buf);
    return FIDELITY_END();
}
