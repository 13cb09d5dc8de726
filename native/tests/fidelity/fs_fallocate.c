/* fs_fallocate: fallocate reserves blocks (st_size grows, unless FALLOC_FL_KEEP_SIZE), punching a
 * hole zeroes the range and keeps the size, FALLOC_FL_ZERO_RANGE zeroes; PUNCH_HOLE without
 * KEEP_SIZE is EOPNOTSUPP, a negative length EINVAL. Unsupported modes (EOPNOTSUPP) are accepted. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-falloc-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    struct stat st;
    OK(fallocate(fd, 0, 0, 65536) == 0 && fstat(fd, &st) == 0 && st.st_size == 65536, "fallocate 64 KiB grows the size");
    OK(fallocate(fd, FALLOC_FL_KEEP_SIZE, 65536, 65536) == 0 && fstat(fd, &st) == 0 && st.st_size == 65536,
       "FALLOC_FL_KEEP_SIZE keeps the size");
    static char ones[65536];
    memset(ones, 1, sizeof ones);
    OK(pwrite(fd, ones, sizeof ones, 0) == sizeof ones, "fill with ones");
    int r = fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 8192, 16384);
    OK(r == 0 || errno == EOPNOTSUPP, "punch a hole (or EOPNOTSUPP)");
    char buf[32768];
    pread(fd, buf, sizeof buf, 0);
    int zero = 1;
    for (int i = 8192; i < 8192 + 16384; i++)
        zero &= buf[i] == 0;
    OK(r != 0 || (zero && buf[8191] == 1 && buf[8192 + 16384] == 1), "the hole reads as zeros, its edges as ones");
    OK(fstat(fd, &st) == 0 && st.st_size == 65536, "the size stays 64 KiB");
    r = fallocate(fd, FALLOC_FL_ZERO_RANGE, 100, 50);
    OK(r == 0 || errno == EOPNOTSUPP, "zero range (or EOPNOTSUPP)");
    pread(fd, buf, 200, 0);
    OK(r != 0 || (buf[99] == 1 && buf[100] == 0 && buf[149] == 0 && buf[150] == 1), "the zeroed range");
    errno = 0;
    OK(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 10) == -1 && errno == EOPNOTSUPP, "PUNCH_HOLE without KEEP_SIZE: EOPNOTSUPP");
    errno = 0;
    OK(fallocate(fd, 0, 0, -1) == -1 && errno == EINVAL, "negative length: EINVAL");
    SHOW("blocks %ld inode %lu", (long)st.st_blocks, (unsigned long)st.st_ino);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
