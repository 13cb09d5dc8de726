/* fs_statx: statx with STATX_BASIC_STATS | STATX_BTIME: the mask says what was filled, size and
 * mode are right, the birth time (when given) is not after the change time, AT_STATX_DONT_SYNC and
 * AT_EMPTY_PATH work, a reserved mask bit is EINVAL, bad flags EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-statx-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && write(fd, "statx!", 6) == 6, "create a 6-byte file");
    struct statx sx;
    memset(&sx, 0xa5, sizeof sx);
    OK(statx(AT_FDCWD, path, 0, STATX_BASIC_STATS | STATX_BTIME, &sx) == 0, "statx");
    OK((sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS, "basic stats filled");
    OK(sx.stx_size == 6 && S_ISREG(sx.stx_mode) && (sx.stx_mode & 0777) == 0600, "size and mode");
    OK(!(sx.stx_mask & STATX_BTIME) || sx.stx_btime.tv_sec <= sx.stx_ctime.tv_sec, "birth time not after change time");
    struct statx sy;
    OK(statx(fd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_INO, &sy) == 0 && sy.stx_ino == sx.stx_ino,
       "AT_EMPTY_PATH | AT_STATX_DONT_SYNC: same inode");
    errno = 0;
    OK(statx(AT_FDCWD, path, 0, 0x80000000u, &sy) == -1 && errno == EINVAL, "reserved mask bit: EINVAL");
    errno = 0;
    OK(statx(AT_FDCWD, path, AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC, STATX_INO, &sy) == -1 && errno == EINVAL,
       "FORCE_SYNC | DONT_SYNC: EINVAL");
    SHOW("inode %llu btime %lld.%09u", (unsigned long long)sx.stx_ino, (long long)sx.stx_btime.tv_sec, sx.stx_btime.tv_nsec);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
