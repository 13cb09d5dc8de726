/* fs_open_flags: open/openat flags and their errors: O_CREAT|O_EXCL on an existing file is EEXIST,
 * O_DIRECTORY on a file ENOTDIR, O_NOFOLLOW on a symlink ELOOP, O_TRUNC empties, O_APPEND writes at
 * the end, O_CLOEXEC sets FD_CLOEXEC, O_PATH descriptors cannot read (EBADF), a missing file ENOENT. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-open-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    OK(dfd >= 0, "open the directory with O_DIRECTORY");
    int fd = openat(dfd, "f", O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    OK(fd >= 0, "openat O_CREAT|O_EXCL creates");
    OK(fcntl(fd, F_GETFD) == FD_CLOEXEC, "O_CLOEXEC sets FD_CLOEXEC");
    OK(write(fd, "hello", 5) == 5, "write 5 bytes");
    close(fd);
    errno = 0;
    OK(openat(dfd, "f", O_CREAT | O_EXCL | O_WRONLY, 0600) == -1 && errno == EEXIST, "O_EXCL on an existing file is EEXIST");
    errno = 0;
    OK(openat(dfd, "f", O_RDONLY | O_DIRECTORY) == -1 && errno == ENOTDIR, "O_DIRECTORY on a file is ENOTDIR");
    errno = 0;
    OK(openat(dfd, "missing", O_RDONLY) == -1 && errno == ENOENT, "a missing file is ENOENT");
    OK(symlinkat("f", dfd, "link") == 0, "symlinkat");
    errno = 0;
    OK(openat(dfd, "link", O_RDONLY | O_NOFOLLOW) == -1 && errno == ELOOP, "O_NOFOLLOW on a symlink is ELOOP");
    fd = openat(dfd, "f", O_WRONLY | O_APPEND);
    OK(fd >= 0 && write(fd, "!", 1) == 1, "O_APPEND write");
    close(fd);
    char buf[16] = {0};
    fd = openat(dfd, "link", O_RDONLY);
    OK(fd >= 0 && read(fd, buf, sizeof buf) == 6 && memcmp(buf, "hello!", 6) == 0, "O_APPEND wrote at the end, through the symlink");
    close(fd);
    int pfd = openat(dfd, "f", O_PATH);
    errno = 0;
    OK(pfd >= 0 && read(pfd, buf, 1) == -1 && errno == EBADF, "an O_PATH descriptor cannot read: EBADF");
    OK((fcntl(pfd, F_GETFL) & O_PATH) == O_PATH, "F_GETFL shows O_PATH");
    close(pfd);
    fd = openat(dfd, "f", O_RDWR | O_TRUNC);
    struct stat st;
    OK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "O_TRUNC empties the file");
    SHOW("inode %lu", (unsigned long)st.st_ino);
    close(fd);
    errno = 0;
    OK(open(dir, O_WRONLY) == -1 && errno == EISDIR, "a directory opened for writing: EISDIR");
    unlinkat(dfd, "link", 0);
    unlinkat(dfd, "f", 0);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
