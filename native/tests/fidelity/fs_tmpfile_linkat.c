/* fs_tmpfile_linkat: O_TMPFILE makes an unnamed file in a directory (nlink 0, not listed), it can
 * be written and read, linkat through /proc/self/fd (AT_SYMLINK_FOLLOW) or AT_EMPTY_PATH gives it a
 * name with its contents; O_TMPFILE|O_EXCL cannot be linked (ENOENT); O_TMPFILE without write
 * access EINVAL. A file system without O_TMPFILE (EOPNOTSUPP) passes with that answer. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-tmpfile-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    int fd = openat(dfd, ".", O_TMPFILE | O_RDWR, 0600);
    OK(fd >= 0 || errno == EOPNOTSUPP, "O_TMPFILE answered");
    if (fd >= 0) {
        struct stat st;
        char stamp[32], buf[32] = {0};
        int len = snprintf(stamp, sizeof stamp, "pid %d", getpid());
        OK(write(fd, stamp, len) == len && fstat(fd, &st) == 0 && st.st_nlink == 0, "written, nlink 0");
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
        OK(linkat(AT_FDCWD, proc, dfd, "named", AT_SYMLINK_FOLLOW) == 0, "linkat via /proc/self/fd");
        int n = openat(dfd, "named", O_RDONLY);
        OK(n >= 0 && read(n, buf, sizeof buf) == len && memcmp(buf, stamp, len) == 0, "the name has the contents");
        close(n);
        int r = linkat(fd, "", dfd, "second", AT_EMPTY_PATH);
        OK(r == 0 || errno == ENOENT || errno == EPERM, "linkat AT_EMPTY_PATH answered");
        int ex = openat(dfd, ".", O_TMPFILE | O_EXCL | O_WRONLY, 0600);
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", ex);
        errno = 0;
        OK(linkat(AT_FDCWD, proc, dfd, "never", AT_SYMLINK_FOLLOW) == -1 && errno == ENOENT, "O_EXCL: cannot be linked");
        close(ex);
        SHOW("%s inode %lu", stamp, (unsigned long)st.st_ino);
        unlinkat(dfd, "second", 0);
        unlinkat(dfd, "named", 0);
        close(fd);
    }
    errno = 0;
    OK(openat(dfd, ".", O_TMPFILE | O_RDONLY, 0600) == -1 && (errno == EINVAL || errno == EOPNOTSUPP), "O_TMPFILE read-only: EINVAL");
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
