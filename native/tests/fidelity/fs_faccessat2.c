/* fs_faccessat2: access and faccessat2: F_OK on an existing file, R_OK|W_OK on a 0600 file of ours,
 * X_OK on a non-executable file EACCES (even for root, unless some x bit), AT_EACCESS, AT_SYMLINK_NOFOLLOW
 * on a dangling link works, AT_EMPTY_PATH with an fd, a missing file ENOENT, bad flags EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long faccessat2_(int dfd, const char *path, int mode, int flags)
{
    return syscall(SYS_faccessat2, dfd, path, mode, flags);
}

int main(void)
{
    char dir[] = "/tmp/fid-access-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    int fd = openat(dfd, "f", O_CREAT | O_WRONLY, 0600);
    OK(faccessat2_(dfd, "f", F_OK, 0) == 0, "F_OK");
    OK(faccessat2_(dfd, "f", R_OK | W_OK, AT_EACCESS) == 0, "R_OK|W_OK with AT_EACCESS");
    errno = 0;
    OK(faccessat2_(dfd, "f", X_OK, 0) == -1 && errno == EACCES, "X_OK on a 0600 file: EACCES");
    symlinkat("missing", dfd, "l");
    OK(faccessat2_(dfd, "l", F_OK, AT_SYMLINK_NOFOLLOW) == 0, "AT_SYMLINK_NOFOLLOW on a dangling link");
    errno = 0;
    OK(faccessat2_(dfd, "l", F_OK, 0) == -1 && errno == ENOENT, "following it: ENOENT");
    OK(faccessat2_(fd, "", W_OK, AT_EMPTY_PATH) == 0, "AT_EMPTY_PATH on the fd");
    errno = 0;
    OK(faccessat2_(dfd, "f", F_OK, 0x1) == -1 && errno == EINVAL, "bad flags: EINVAL");
    errno = 0;
    OK(faccessat2_(dfd, "f", 0x10, 0) == -1 && errno == EINVAL, "bad mode: EINVAL");
    OK(access(dir, R_OK | W_OK | X_OK) == 0, "access on the directory");
    SHOW("dir %s", dir);
    close(fd);
    unlinkat(dfd, "l", 0);
    unlinkat(dfd, "f", 0);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
