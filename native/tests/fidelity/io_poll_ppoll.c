/* io_poll_ppoll: poll and ppoll fill revents: POLLIN on a pipe with data, POLLOUT on a writable end,
 * POLLHUP after the writer closes, POLLNVAL for a closed fd (negative fds are ignored: revents 0);
 * a zero timeout returns 0 at once; ppoll with a signal mask and a timeout; nfds over RLIMIT_NOFILE
 * EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    int p[2];
    pipe(p);
    struct pollfd f[4] = {{p[0], POLLIN, 0x7777}, {p[1], POLLOUT, 0x7777}, {-1, POLLIN, 0x7777}, {999, POLLIN, 0x7777}};
    OK(poll(f, 4, 0) == 2, "poll: 2 ready (writer, bad fd)");
    OK(f[0].revents == 0 && f[1].revents == POLLOUT && f[2].revents == 0 && f[3].revents == POLLNVAL,
       "revents: none, POLLOUT, ignored, POLLNVAL");
    char stamp[16];
    int len = snprintf(stamp, sizeof stamp, "%d", getpid());
    write(p[1], stamp, len);
    struct timespec ts = {1, 0};
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    OK(ppoll(f, 2, &ts, &mask) == 2 && f[0].revents == POLLIN, "ppoll: POLLIN after a write");
    close(p[1]);
    char buf[16];
    read(p[0], buf, sizeof buf);
    OK(poll(f, 1, 100) == 1 && f[0].revents == POLLHUP, "POLLHUP after the writer closed and the data was read");
    int q[2];
    pipe(q);
    struct pollfd g = {q[0], POLLIN, 0};
    struct timespec zero = {0, 0};
    OK(ppoll(&g, 1, &zero, NULL) == 0 && g.revents == 0, "zero timeout: 0 at once");
    OK(poll(&g, 1, 5) == 0, "5 ms timeout expires: 0");
    errno = 0;
    struct pollfd *volatile fp = f;
    OK(poll(fp, 1u << 30, 0) == -1 && errno == EINVAL, "huge nfds: EINVAL");
    SHOW("wrote %s", stamp);
    close(p[0]);
    close(q[0]);
    close(q[1]);
    return FIDELITY_END();
}
