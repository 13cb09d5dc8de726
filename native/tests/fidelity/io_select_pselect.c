/* io_select_pselect: select and pselect6 rewrite the fd sets to the ready fds: a readable pipe end,
 * a writable one, an idle one cleared; select updates the timeval (Linux); a zero timeout returns 0;
 * a closed fd in a set is EBADF; nfds < 0 EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/select.h>
#include <unistd.h>

int main(void)
{
    int p[2], q[2];
    pipe(p);
    pipe(q);
    write(p[1], "x", 1);
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    FD_SET(q[0], &r);
    FD_SET(q[1], &w);
    struct timeval tv = {5, 0};
    OK(select(q[1] + 1, &r, &w, NULL, &tv) == 2, "select: 2 ready");
    OK(FD_ISSET(p[0], &r) && !FD_ISSET(q[0], &r) && FD_ISSET(q[1], &w), "the sets hold the ready fds only");
    OK(tv.tv_sec <= 5 && tv.tv_sec >= 4, "the timeval was updated (remaining time)");
    FD_ZERO(&r);
    FD_SET(q[0], &r);
    struct timespec zero = {0, 0};
    OK(pselect(q[0] + 1, &r, NULL, NULL, &zero, NULL) == 0 && !FD_ISSET(q[0], &r), "pselect zero timeout: 0, set cleared");
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    sigset_t mask;
    sigemptyset(&mask);
    struct timespec ts = {1, 0};
    OK(pselect(p[0] + 1, &r, NULL, NULL, &ts, &mask) == 1 && FD_ISSET(p[0], &r), "pselect with a mask: readable");
    int closed = dup(p[0]);
    close(closed);
    FD_ZERO(&r);
    FD_SET(closed, &r);
    errno = 0;
    OK(select(closed + 1, &r, NULL, NULL, &tv) == -1 && errno == EBADF, "a closed fd: EBADF");
    errno = 0;
    OK(select(-1, NULL, NULL, NULL, &tv) == -1 && errno == EINVAL, "nfds < 0: EINVAL");
    SHOW("timeval left %ld.%06ld", (long)tv.tv_sec, (long)tv.tv_usec);
    close(p[0]); close(p[1]); close(q[0]); close(q[1]);
    return FIDELITY_END();
}
