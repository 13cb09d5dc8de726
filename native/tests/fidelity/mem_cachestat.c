/* mem_cachestat: cachestat (6.5+) on a file just written reports its pages cached (nr_cache
 * counts the whole range, nr_dirty <= nr_cache), on an empty range 0 pages; bad flags EINVAL, a closed
 * fd EBADF; kernels without it ENOSYS (accepted). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SYS_cachestat_ 451

struct cachestat_range_ {
    uint64_t off, len;
};
struct cachestat_ {
    uint64_t nr_cache, nr_dirty, nr_writeback, nr_evicted, nr_recently_evicted;
};

int main(void)
{
    char path[] = "/tmp/fid-cachestat-XXXXXX";
    int fd = mkstemp(path);
    static char data[16 * 4096];
    memset(data, 'c', sizeof data);
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "write 16 pages");
    struct cachestat_range_ range = {0, sizeof data};
    struct cachestat_ cs;
    memset(&cs, 0xee, sizeof cs);
    long r = syscall(SYS_cachestat_, fd, &range, &cs, 0);
    OK(r == 0 || errno == ENOSYS, "cachestat answered");
    if (r == 0) {
        OK(cs.nr_cache == 16 && cs.nr_dirty <= cs.nr_cache, "16 pages cached, dirty <= cached");
        struct cachestat_range_ past = {1 << 30, 4096};
        struct cachestat_ none;
        memset(&none, 0xee, sizeof none);
        OK(syscall(SYS_cachestat_, fd, &past, &none, 0) == 0 && none.nr_cache == 0, "past the end: 0 pages");
        errno = 0;
        OK(syscall(SYS_cachestat_, fd, &range, &cs, 1) == -1 && errno == EINVAL, "bad flags: EINVAL");
        errno = 0;
        OK(syscall(SYS_cachestat_, 999, &range, &cs, 0) == -1 && errno == EBADF, "a closed fd: EBADF");
    }
    SHOW("dirty %llu pid %d", (unsigned long long)cs.nr_dirty, getpid());
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
