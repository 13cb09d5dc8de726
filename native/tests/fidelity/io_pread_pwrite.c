/* io_pread_pwrite: pread64/pwrite64 at offsets leave the file offset alone, pwrite past the end
 * extends with a zero-filled gap, pread past the end is 0, negative offsets are EINVAL, a pipe is
 * ESPIPE. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-prw-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    char stamp[32];
    int n = snprintf(stamp, sizeof stamp, "%ld", (long)time(NULL) ^ getpid());
    OK(pwrite(fd, stamp, n, 100) == n, "pwrite at 100");
    OK(lseek(fd, 0, SEEK_CUR) == 0, "the offset did not move");
    char buf[200];
    memset(buf, 'x', sizeof buf);
    OK(pread(fd, buf, sizeof buf, 0) == 100 + n, "pread from 0 reads to the end");
    int zeros = 1;
    for (int i = 0; i < 100; i++)
        zeros &= buf[i] == 0;
    OK(zeros, "the gap reads as zeros");
    OK(memcmp(buf + 100, stamp, n) == 0, "the stamp is there");
    OK(pread(fd, buf, 10, 100000) == 0, "pread past the end is 0");
    errno = 0;
    OK(pread(fd, buf, 10, -1) == -1 && errno == EINVAL, "negative offset: EINVAL");
    SHOW("stamp %.*s", n, buf + 100);
    int p[2];
    pipe(p);
    errno = 0;
    OK(pwrite(p[1], "a", 1, 0) == -1 && errno == ESPIPE, "pwrite on a pipe: ESPIPE");
    close(p[0]);
    close(p[1]);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
