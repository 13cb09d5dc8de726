/* fs_utimensat: utimensat sets atime and mtime to given values (read back by stat, nanoseconds
 * kept), UTIME_OMIT leaves one alone, UTIME_NOW sets the current time, futimens on an fd,
 * AT_SYMLINK_NOFOLLOW changes the link itself; a bad nanosecond value EINVAL; ctime moves. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-utime-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    int fd = openat(dfd, "f", O_CREAT | O_WRONLY, 0600);
    struct timespec t[2] = {{1000000000, 123456789}, {1200000000, 987654321}};
    OK(utimensat(dfd, "f", t, 0) == 0, "utimensat fixed times");
    struct stat st;
    fstat(fd, &st);
    OK(st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 123456789 && st.st_mtim.tv_sec == 1200000000 &&
       st.st_mtim.tv_nsec == 987654321, "stat reads them back with nanoseconds");
    struct timespec u[2] = {{5, UTIME_OMIT}, {1300000000, 0}};
    OK(futimens(fd, u) == 0 && fstat(fd, &st) == 0 && st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec == 1300000000,
       "futimens with UTIME_OMIT for atime");
    struct timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
    time_t before = time(NULL);
    OK(futimens(fd, now) == 0 && fstat(fd, &st) == 0 && st.st_mtim.tv_sec >= before - 1, "UTIME_NOW");
    symlinkat("f", dfd, "l");
    OK(utimensat(dfd, "l", t, AT_SYMLINK_NOFOLLOW) == 0, "AT_SYMLINK_NOFOLLOW");
    struct stat sl;
    OK(fstatat(dfd, "l", &sl, AT_SYMLINK_NOFOLLOW) == 0 && sl.st_mtim.tv_sec == 1200000000 &&
       fstat(fd, &st) == 0 && st.st_mtim.tv_sec >= before - 1, "the link changed, not the target");
    struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
    errno = 0;
    OK(futimens(fd, bad) == -1 && errno == EINVAL, "nanoseconds 1e9: EINVAL");
    SHOW("now %ld.%09ld", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    close(fd);
    unlinkat(dfd, "l", 0);
    unlinkat(dfd, "f", 0);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
