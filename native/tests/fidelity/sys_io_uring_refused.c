/* sys_io_uring_refused: io_uring_setup either makes a ring (natively: an fd and the ring sizes
 * written into io_uring_params) or fails with ENOSYS (Rewind refuses io_uring while recording,
 * as a kernel without it); bad entries (0) are EINVAL natively; both answers are accepted, and
 * the program goes on with plain syscalls. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <linux/io_uring.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    int fd = (int)syscall(SYS_io_uring_setup, 8, &p);
    OK((fd >= 0 && p.sq_entries == 8 && p.cq_entries >= 8) || (fd == -1 && errno == ENOSYS),
       "io_uring_setup answered: a ring of 8, or ENOSYS");
    if (fd >= 0)
        close(fd);
    memset(&p, 0, sizeof p);
    errno = 0;
    OK(syscall(SYS_io_uring_setup, 0, &p) == -1 && (errno == EINVAL || errno == ENOSYS),
       "0 entries: EINVAL, or ENOSYS");
    errno = 0;
    OK(syscall(SYS_io_uring_enter, -1, 0, 0, 0, NULL, 0) == -1 && (errno == EBADF || errno == ENOSYS),
       "io_uring_enter on fd -1: EBADF, or ENOSYS");
    char c = 'x';
    OK(write(1, "", 0) == 0 && c == 'x', "plain syscalls go on");
    SHOW("pid %d", getpid());
    return FIDELITY_END();
}
