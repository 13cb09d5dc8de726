/* mem_process_madvise: process_madvise through a pidfd of the program itself: MADV_COLD and
 * MADV_PAGEOUT on a range answer with the bytes advised (or EPERM/EINVAL where not allowed), the
 * memory keeps its contents; a bad advice EINVAL; a bad pidfd EBADF; flags nonzero EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef MADV_COLD
#define MADV_COLD 20
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

int main(void)
{
    int pidfd = syscall(SYS_pidfd_open, getpid(), 0);
    OK(pidfd >= 0, "pidfd_open of ourselves");
    size_t len = 4 * 4096;
    unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char r[16];
    getrandom(r, sizeof r, 0);
    memset(p, 1, len);
    memcpy(p + 4096, r, sizeof r);
    struct iovec iov = {p, len};
    long n = syscall(SYS_process_madvise, pidfd, &iov, 1, MADV_COLD, 0);
    OK(n == (long)len || (n == -1 && (errno == EPERM || errno == EINVAL)), "MADV_COLD: all bytes advised (or EPERM)");
    n = syscall(SYS_process_madvise, pidfd, &iov, 1, MADV_PAGEOUT, 0);
    OK(n == (long)len || (n == -1 && (errno == EPERM || errno == EINVAL)), "MADV_PAGEOUT: all bytes advised (or EPERM)");
    OK(memcmp(p + 4096, r, sizeof r) == 0 && p[0] == 1, "the memory keeps its contents");
    errno = 0;
    OK(syscall(SYS_process_madvise, pidfd, &iov, 1, 9999, 0) == -1 && errno == EINVAL, "bad advice: EINVAL");
    errno = 0;
    OK(syscall(SYS_process_madvise, pidfd, &iov, 1, MADV_COLD, 1) == -1 && errno == EINVAL, "flags: EINVAL");
    errno = 0;
    OK(syscall(SYS_process_madvise, 999, &iov, 1, MADV_COLD, 0) == -1 && errno == EBADF, "bad pidfd: EBADF");
    SHOW("random %02x%02x%02x", p[4096], p[4097], p[4098]);
    munmap(p, len);
    close(pidfd);
    return FIDELITY_END();
}
