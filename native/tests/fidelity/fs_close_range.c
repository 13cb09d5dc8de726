/* fs_close_range: close_range closes every fd in a range (fcntl on them EBADF, those outside stay),
 * CLOSE_RANGE_CLOEXEC marks them close-on-exec instead, first > last EINVAL, unknown flags EINVAL,
 * a range of closed fds is fine (0). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>

static long close_range_(unsigned first, unsigned last, unsigned flags)
{
    return syscall(SYS_close_range, first, last, flags);
}

int main(void)
{
    int base = open("/dev/null", O_RDONLY);
    for (int i = 1; i < 10; i++)
        dup2(base, base + i);
    OK(base >= 3, "ten fds");
    OK(close_range_(base + 2, base + 5, 0) == 0, "close_range the middle four");
    int closed = 0, open_ = 0;
    for (int i = 0; i < 10; i++) {
        if (fcntl(base + i, F_GETFD) == -1 && errno == EBADF)
            closed |= 1 << i;
        else
            open_ |= 1 << i;
    }
    OK(closed == 0x3c && open_ == 0x3c3, "exactly those are closed");
    OK(close_range_(base + 6, base + 7, CLOSE_RANGE_CLOEXEC) == 0, "CLOSE_RANGE_CLOEXEC");
    OK(fcntl(base + 6, F_GETFD) == FD_CLOEXEC && fcntl(base + 7, F_GETFD) == FD_CLOEXEC && fcntl(base + 8, F_GETFD) == 0,
       "they are marked close-on-exec, the next is not");
    OK(close_range_(500, 600, 0) == 0, "a range of closed fds: 0");
    errno = 0;
    OK(close_range_(10, 5, 0) == -1 && errno == EINVAL, "first > last: EINVAL");
    errno = 0;
    OK(close_range_(500, 600, 0x80) == -1 && errno == EINVAL, "unknown flag: EINVAL");
    OK(close_range_(base, ~0u, 0) == 0 && fcntl(base, F_GETFD) == -1, "close everything from base up");
    SHOW("pid %d base %d", getpid(), base);
    return FIDELITY_END();
}
