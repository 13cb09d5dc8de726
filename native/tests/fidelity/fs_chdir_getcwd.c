/* fs_chdir_getcwd: chdir and fchdir change the directory relative paths resolve in, getcwd returns
 * it (the kernel writes the path and its NUL: the result is the length with the NUL), a buffer too
 * small ERANGE, chdir to a file ENOTDIR, fchdir of a closed fd EBADF, and getcwd of a removed cwd
 * ENOENT. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-cwd-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    char home[4096];
    OK(getcwd(home, sizeof home) != NULL, "getcwd");
    OK(chdir(dir) == 0, "chdir into the temp dir");
    char buf[4096];
    memset(buf, '#', sizeof buf);
    long n = syscall(SYS_getcwd, buf, sizeof buf);
    OK(n == (long)strlen(dir) + 1 && strcmp(buf, dir) == 0 && buf[n] == '#', "raw getcwd: the path, length with NUL");
    int fd = open("here", O_CREAT | O_WRONLY, 0600);
    char want[64];
    snprintf(want, sizeof want, "%s/here", dir);
    struct stat st;
    OK(fd >= 0 && stat(want, &st) == 0, "a relative path resolves in it");
    close(fd);
    errno = 0;
    OK(syscall(SYS_getcwd, buf, 5) == -1 && errno == ERANGE, "a 5-byte buffer: ERANGE");
    errno = 0;
    OK(chdir("here") == -1 && errno == ENOTDIR, "chdir to a file: ENOTDIR");
    int h = open(home, O_RDONLY | O_DIRECTORY);
    OK(mkdir("sub", 0700) == 0 && chdir("sub") == 0, "into sub");
    unlink(want);
    snprintf(want, sizeof want, "%s/sub", dir);
    OK(rmdir(want) == 0, "remove the cwd");
    errno = 0;
    OK(syscall(SYS_getcwd, buf, sizeof buf) == -1 && errno == ENOENT, "raw getcwd of a removed cwd: ENOENT");
    errno = 0;
    OK(getcwd(buf, sizeof buf) == NULL && errno == ENOENT, "glibc getcwd: ENOENT");
    OK(fchdir(h) == 0 && getcwd(buf, sizeof buf) && strcmp(buf, home) == 0, "fchdir back");
    errno = 0;
    OK(fchdir(999) == -1 && errno == EBADF, "fchdir closed fd: EBADF");
    SHOW("dir %s", dir);
    close(h);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
