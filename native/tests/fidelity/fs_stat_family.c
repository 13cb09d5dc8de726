/* fs_stat_family: stat, lstat, fstat and fstatat (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH) fill struct
 * stat: size, mode, link count, the same inode through each call, a symlink's own size and S_IFLNK
 * from lstat; ENOENT, ENOTDIR for a path through a file. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-stat-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    char f[64], l[64], bad[80];
    snprintf(f, sizeof f, "%s/file", dir);
    snprintf(l, sizeof l, "%s/link", dir);
    snprintf(bad, sizeof bad, "%s/file/x", dir);
    int fd = open(f, O_CREAT | O_WRONLY, 0640);
    OK(fd >= 0 && write(fd, "twelve bytes", 12) == 12, "create a 12-byte file");
    OK(symlink("file", l) == 0, "symlink");
    struct stat a, b, c, d, e;
    memset(&a, 0xff, sizeof a);
    OK(stat(f, &a) == 0, "stat");
    OK(a.st_size == 12 && S_ISREG(a.st_mode) && (a.st_mode & 0777) == 0640 && a.st_nlink == 1, "size, mode, links");
    OK(a.st_uid == getuid() && a.st_gid == getgid(), "owner");
    OK(fstat(fd, &b) == 0 && b.st_ino == a.st_ino && b.st_dev == a.st_dev, "fstat: same inode");
    OK(lstat(l, &c) == 0 && S_ISLNK(c.st_mode) && c.st_size == 4 && c.st_ino != a.st_ino, "lstat: the link itself, size 4");
    OK(stat(l, &c) == 0 && c.st_ino == a.st_ino, "stat follows the link");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    OK(fstatat(dfd, "link", &d, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(d.st_mode), "fstatat AT_SYMLINK_NOFOLLOW");
    OK(fstatat(fd, "", &e, AT_EMPTY_PATH) == 0 && e.st_ino == a.st_ino, "fstatat AT_EMPTY_PATH");
    errno = 0;
    OK(fstatat(dfd, "nothing", &e, 0) == -1 && errno == ENOENT, "ENOENT");
    errno = 0;
    OK(stat(bad, &e) == -1 && errno == ENOTDIR, "through a file: ENOTDIR");
    SHOW("inode %lu ctime %ld.%09ld", (unsigned long)a.st_ino, (long)a.st_ctim.tv_sec, a.st_ctim.tv_nsec);
    close(fd);
    close(dfd);
    unlink(l);
    unlink(f);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
