/* fs_chmod_chown: chmod, fchmod and fchmodat change the mode (stat reads it back, setuid bit
 * included), fchmodat2 AT_SYMLINK_NOFOLLOW on a link EOPNOTSUPP (or ENOSYS before 6.6), chown to our
 * own ids with -1 leaving one unchanged, fchownat AT_SYMLINK_NOFOLLOW on a link; a missing file
 * ENOENT; the ctime moves. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-chmod-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    int fd = openat(dfd, "f", O_CREAT | O_WRONLY, 0600);
    struct stat st;
    OK(fchmod(fd, 0640) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0640, "fchmod 0640");
    OK(fchmodat(dfd, "f", 04755, 0) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 04755, "fchmodat 04755");
    char f[64];
    snprintf(f, sizeof f, "%s/f", dir);
    OK(chmod(f, 0400) == 0 && stat(f, &st) == 0 && (st.st_mode & 07777) == 0400, "chmod 0400");
    symlinkat("f", dfd, "l");
    errno = 0;
    long r = syscall(452, dfd, "l", 0600, AT_SYMLINK_NOFOLLOW);
    OK(r == -1 && (errno == EOPNOTSUPP || errno == ENOSYS), "fchmodat2 AT_SYMLINK_NOFOLLOW on a link: EOPNOTSUPP");
    OK(fchown(fd, getuid(), (gid_t)-1) == 0 && chown(f, (uid_t)-1, getgid()) == 0, "chown to our own ids");
    OK(fstat(fd, &st) == 0 && st.st_uid == getuid() && st.st_gid == getgid(), "owner unchanged");
    OK(fchownat(dfd, "l", getuid(), getgid(), AT_SYMLINK_NOFOLLOW) == 0, "fchownat AT_SYMLINK_NOFOLLOW");
    errno = 0;
    OK(chmod("/tmp/fid-no-such/f", 0600) == -1 && errno == ENOENT, "missing: ENOENT");
    SHOW("ctime %ld.%09ld", (long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
    close(fd);
    unlinkat(dfd, "l", 0);
    unlinkat(dfd, "f", 0);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
