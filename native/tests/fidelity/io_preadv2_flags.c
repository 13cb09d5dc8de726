/* io_preadv2_flags: preadv2/pwritev2 with RWF_* flags: offset -1 uses and moves the file offset,
 * RWF_APPEND writes at the end, RWF_NOWAIT on a cached file reads (or EAGAIN), RWF_HIPRI and
 * RWF_DSYNC/RWF_SYNC work on a regular file, an unknown flag is EOPNOTSUPP. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-pv2-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    struct iovec w = {"0123456789", 10};
    OK(pwritev2(fd, &w, 1, -1, 0) == 10, "pwritev2 at the current offset");
    OK(lseek(fd, 0, SEEK_CUR) == 10, "offset -1 moved the file offset");
    struct iovec a = {"END", 3};
    OK(pwritev2(fd, &a, 1, 0, RWF_APPEND) == 3, "pwritev2 RWF_APPEND");
    OK(pwritev2(fd, &w, 1, 13, RWF_DSYNC) == 10, "pwritev2 RWF_DSYNC");
    OK(pwritev2(fd, &a, 1, 23, RWF_SYNC) == 3, "pwritev2 RWF_SYNC");
    char buf[32] = {0};
    struct iovec r = {buf, sizeof buf};
    OK(preadv2(fd, &r, 1, 0, RWF_HIPRI) == 26, "preadv2 RWF_HIPRI reads 26 bytes");
    OK(memcmp(buf, "0123456789END0123456789END", 26) == 0, "RWF_APPEND wrote at the end");
    memset(buf, 0, sizeof buf);
    ssize_t n = preadv2(fd, &r, 1, 10, RWF_NOWAIT);
    OK((n == 16 && memcmp(buf, "END0123456789END", 16) == 0) || (n == -1 && errno == EAGAIN),
       "preadv2 RWF_NOWAIT reads cached data or EAGAIN");
    errno = 0;
    OK(preadv2(fd, &r, 1, 0, 0x40000000) == -1 && errno == EOPNOTSUPP, "unknown RWF flag: EOPNOTSUPP");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    SHOW("time %ld.%09ld", (long)ts.tv_sec, ts.tv_nsec);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
