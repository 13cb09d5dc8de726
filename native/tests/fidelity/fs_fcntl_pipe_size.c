/* fs_fcntl_pipe_size: F_GETPIPE_SZ gives the default capacity (a page multiple), F_SETPIPE_SZ
 * rounds up to a power of two pages and F_GETPIPE_SZ reports it, shrinking below the data held is
 * EBUSY, on a file EBADF, a nonblocking writer fills exactly the capacity then EAGAIN. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <unistd.h>

int main(void)
{
    int p[2];
    OK(pipe2(p, O_NONBLOCK) == 0, "pipe2 O_NONBLOCK");
    int sz = fcntl(p[0], F_GETPIPE_SZ);
    OK(sz > 0 && sz % 4096 == 0, "default capacity is a page multiple");
    int got = fcntl(p[1], F_SETPIPE_SZ, 5000);
    OK(got == 8192 && fcntl(p[0], F_GETPIPE_SZ) == 8192, "F_SETPIPE_SZ 5000 rounds to 8192");
    static char buf[65536];
    long total = 0, n;
    while ((n = write(p[1], buf, 4096)) > 0)
        total += n;
    OK(n == -1 && errno == EAGAIN, "a full pipe: EAGAIN");
    OK(total == 8192, "exactly 8192 bytes fit");
    errno = 0;
    OK(fcntl(p[1], F_SETPIPE_SZ, 4096) == -1 && errno == EBUSY, "shrinking below the data: EBUSY");
    int fd = open("/dev/null", O_RDONLY);
    errno = 0;
    OK(fcntl(fd, F_GETPIPE_SZ) == -1 && errno == EBADF, "not a pipe: EBADF");
    SHOW("pid %d default %d", getpid(), sz);
    close(fd);
    close(p[0]);
    close(p[1]);
    return FIDELITY_END();
}
