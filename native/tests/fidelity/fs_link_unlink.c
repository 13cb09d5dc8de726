/* fs_link_unlink: link adds a name (st_nlink 2, same inode), unlink removes one (the data stays
 * readable through an open fd after the last name goes: st_nlink 0), symlink to a missing target
 * dangles (stat ENOENT, lstat works), unlink of a directory EISDIR, rmdir of a non-empty one
 * ENOTEMPTY, link to a directory EPERM, linkat AT_SYMLINK_FOLLOW links the target. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-link-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    int fd = openat(dfd, "a", O_CREAT | O_RDWR, 0600);
    char stamp[32];
    int len = snprintf(stamp, sizeof stamp, "pid %d", getpid());
    write(fd, stamp, len);
    OK(linkat(dfd, "a", dfd, "b", 0) == 0, "link a -> b");
    struct stat sa, sb;
    OK(fstatat(dfd, "a", &sa, 0) == 0 && fstatat(dfd, "b", &sb, 0) == 0 && sa.st_ino == sb.st_ino && sb.st_nlink == 2,
       "same inode, 2 links");
    OK(unlinkat(dfd, "a", 0) == 0 && unlinkat(dfd, "b", 0) == 0, "unlink both names");
    char buf[32] = {0};
    OK(fstat(fd, &sa) == 0 && sa.st_nlink == 0 && pread(fd, buf, sizeof buf, 0) == len && memcmp(buf, stamp, len) == 0,
       "an open fd still reads the data, nlink 0");
    close(fd);
    OK(symlinkat("nowhere", dfd, "s") == 0, "a dangling symlink");
    errno = 0;
    OK(fstatat(dfd, "s", &sa, 0) == -1 && errno == ENOENT, "stat follows it: ENOENT");
    OK(fstatat(dfd, "s", &sa, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(sa.st_mode), "lstat sees the link");
    mkdirat(dfd, "d", 0700);
    close(openat(dfd, "d/f", O_CREAT | O_WRONLY, 0600));
    errno = 0;
    OK(unlinkat(dfd, "d", 0) == -1 && errno == EISDIR, "unlink a directory: EISDIR");
    errno = 0;
    OK(unlinkat(dfd, "d", AT_REMOVEDIR) == -1 && errno == ENOTEMPTY, "rmdir non-empty: ENOTEMPTY");
    errno = 0;
    OK(linkat(dfd, "d", dfd, "d2", 0) == -1 && errno == EPERM, "link a directory: EPERM");
    OK(symlinkat("d/f", dfd, "t") == 0 && linkat(dfd, "t", dfd, "h", AT_SYMLINK_FOLLOW) == 0, "linkat AT_SYMLINK_FOLLOW");
    struct stat sf, sh;
    OK(fstatat(dfd, "d/f", &sf, 0) == 0 && fstatat(dfd, "h", &sh, AT_SYMLINK_NOFOLLOW) == 0 && sf.st_ino == sh.st_ino,
       "it linked the target, not the link");
    SHOW("%s inode %lu", stamp, (unsigned long)sf.st_ino);
    unlinkat(dfd, "h", 0);
    unlinkat(dfd, "t", 0);
    unlinkat(dfd, "s", 0);
    unlinkat(dfd, "d/f", 0);
    unlinkat(dfd, "d", AT_REMOVEDIR);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
