/* io_pipe2_packets: pipe2(O_DIRECT) is packet mode: each write is one packet, a read returns at
 * most one packet (a short buffer discards the rest); pipe2(O_NONBLOCK) reads EAGAIN when empty;
 * writing with no reader is EPIPE (SIGPIPE ignored); bad flags EINVAL; EOF after the writer closes. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

int main(void)
{
    int p[2];
    OK(pipe2(p, O_DIRECT) == 0, "pipe2 O_DIRECT");
    char stamp[32];
    int len = snprintf(stamp, sizeof stamp, "pid=%d", getpid());
    OK(write(p[1], stamp, len) == len && write(p[1], "second", 6) == 6 && write(p[1], "third!", 6) == 6, "three packets");
    char buf[64];
    memset(buf, 0, sizeof buf);
    OK(read(p[0], buf, sizeof buf) == len && memcmp(buf, stamp, len) == 0, "a read returns one packet");
    OK(read(p[0], buf, 3) == 3 && memcmp(buf, "sec", 3) == 0, "a short read takes part of the next");
    OK(read(p[0], buf, sizeof buf) == 6 && memcmp(buf, "third!", 6) == 0, "the rest of that packet was discarded");
    close(p[1]);
    OK(read(p[0], buf, sizeof buf) == 0, "EOF after the writer closes");
    close(p[0]);
    int q[2];
    OK(pipe2(q, O_NONBLOCK | O_CLOEXEC) == 0, "pipe2 O_NONBLOCK|O_CLOEXEC");
    errno = 0;
    OK(read(q[0], buf, 1) == -1 && errno == EAGAIN, "empty nonblocking pipe: EAGAIN");
    OK(fcntl(q[0], F_GETFD) == FD_CLOEXEC, "FD_CLOEXEC set");
    signal(SIGPIPE, SIG_IGN);
    close(q[0]);
    errno = 0;
    OK(write(q[1], "x", 1) == -1 && errno == EPIPE, "no reader: EPIPE");
    close(q[1]);
    errno = 0;
    OK(pipe2(q, 0x4) == -1 && errno == EINVAL, "bad flags: EINVAL");
    SHOW("%s", stamp);
    return FIDELITY_END();
}
