/* fs_openat2: openat2 with struct open_how: RESOLVE_BENEATH refuses ".." escapes (EXDEV),
 * RESOLVE_NO_SYMLINKS refuses symlinks (ELOOP), unknown flags are EINVAL, a too small size EINVAL,
 * a plain open works and reads back what was written. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static long openat2_(int dfd, const char *path, struct open_how *how, size_t size)
{
    return syscall(SYS_openat2, dfd, path, how, size);
}

int main(void)
{
    char dir[] = "/tmp/fid-openat2-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct open_how how = {.flags = O_CREAT | O_WRONLY, .mode = 0600};
    long fd = openat2_(dfd, "f", &how, sizeof how);
    OK(fd >= 0, "openat2 O_CREAT");
    OK(write(fd, "abc", 3) == 3, "write");
    close(fd);
    memset(&how, 0, sizeof how);
    how.flags = O_RDONLY;
    how.resolve = RESOLVE_BENEATH;
    errno = 0;
    OK(openat2_(dfd, "../", &how, sizeof how) == -1 && errno == EXDEV, "RESOLVE_BENEATH refuses ..: EXDEV");
    fd = openat2_(dfd, "f", &how, sizeof how);
    char buf[8] = {0};
    OK(fd >= 0 && read(fd, buf, sizeof buf) == 3 && memcmp(buf, "abc", 3) == 0, "RESOLVE_BENEATH allows f, reads abc");
    struct stat st;
    fstat(fd, &st);
    SHOW("inode %lu fd %ld", (unsigned long)st.st_ino, fd);
    close(fd);
    symlinkat("f", dfd, "s");
    how.resolve = RESOLVE_NO_SYMLINKS;
    errno = 0;
    OK(openat2_(dfd, "s", &how, sizeof how) == -1 && errno == ELOOP, "RESOLVE_NO_SYMLINKS: ELOOP");
    how.resolve = 0x80000000ull;
    errno = 0;
    OK(openat2_(dfd, "f", &how, sizeof how) == -1 && errno == EINVAL, "unknown resolve flag: EINVAL");
    how.resolve = 0;
    errno = 0;
    OK(openat2_(dfd, "f", &how, 8) == -1 && errno == EINVAL, "size smaller than open_how v0: EINVAL");
    how.mode = 0644;
    errno = 0;
    OK(openat2_(dfd, "f", &how, sizeof how) == -1 && errno == EINVAL, "mode without O_CREAT: EINVAL");
    unlinkat(dfd, "s", 0);
    unlinkat(dfd, "f", 0);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
