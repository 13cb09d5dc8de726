/* fs_sync_family: sync, fsync, fdatasync, syncfs and sync_file_range answer 0 on a regular file;
 * fsync on a pipe EINVAL, on a closed fd EBADF; sync_file_range with bad flags EINVAL, on a pipe
 * ESPIPE; the written data is there after the syncs. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-sync-XXXXXX";
    int fd = mkstemp(path);
    char stamp[32];
    int len = snprintf(stamp, sizeof stamp, "pid %d", getpid());
    OK(fd >= 0 && write(fd, stamp, len) == len, "write");
    sync();
    OK(fsync(fd) == 0, "fsync");
    OK(fdatasync(fd) == 0, "fdatasync");
    OK(syncfs(fd) == 0, "syncfs");
    OK(sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER) == 0,
       "sync_file_range");
    errno = 0;
    OK(sync_file_range(fd, 0, 0, 0x80) == -1 && errno == EINVAL, "sync_file_range bad flags: EINVAL");
    int p[2];
    pipe(p);
    errno = 0;
    OK(fsync(p[0]) == -1 && errno == EINVAL, "fsync a pipe: EINVAL");
    errno = 0;
    OK(sync_file_range(p[0], 0, 0, SYNC_FILE_RANGE_WRITE) == -1 && errno == ESPIPE, "sync_file_range a pipe: ESPIPE");
    errno = 0;
    OK(fdatasync(999) == -1 && errno == EBADF, "closed fd: EBADF");
    char buf[32] = {0};
    OK(pread(fd, buf, sizeof buf, 0) == len && memcmp(buf, stamp, len) == 0, "the data is there");
    SHOW("%s", buf);
    close(p[0]);
    close(p[1]);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
