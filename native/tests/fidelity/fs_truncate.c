/* fs_truncate: truncate by path and ftruncate by fd shrink and grow (the new part reads as zeros),
 * the file offset is unchanged; negative lengths EINVAL, ftruncate of a read-only fd EINVAL (or
 * EBADF), truncate of a directory EISDIR, of a missing path ENOENT. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-trunc-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && write(fd, "0123456789", 10) == 10, "write 10 bytes");
    struct stat st;
    OK(ftruncate(fd, 4) == 0 && fstat(fd, &st) == 0 && st.st_size == 4, "ftruncate shrinks to 4");
    OK(lseek(fd, 0, SEEK_CUR) == 10, "the file offset stays at 10");
    OK(truncate(path, 8) == 0 && stat(path, &st) == 0 && st.st_size == 8, "truncate grows to 8");
    char buf[16];
    OK(pread(fd, buf, sizeof buf, 0) == 8 && memcmp(buf, "0123\0\0\0\0", 8) == 0, "the grown part reads as zeros");
    errno = 0;
    OK(ftruncate(fd, -1) == -1 && errno == EINVAL, "negative length: EINVAL");
    int ro = open(path, O_RDONLY);
    errno = 0;
    OK(ftruncate(ro, 1) == -1 && (errno == EINVAL || errno == EBADF), "read-only fd: EINVAL or EBADF");
    close(ro);
    errno = 0;
    OK(truncate("/tmp", 0) == -1 && errno == EISDIR, "a directory: EISDIR");
    errno = 0;
    OK(truncate("/tmp/fid-no-such-file-at-all", 0) == -1 && errno == ENOENT, "missing: ENOENT");
    SHOW("inode %lu mtime %ld.%09ld", (unsigned long)st.st_ino, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
