/* fs_readlink: readlink and readlinkat return the target without a NUL, truncated to the buffer;
 * a file that is not a link is EINVAL, a missing one ENOENT; /proc/self/fd/N names the file;
 * readlinkat with an empty path reads the link an O_PATH|O_NOFOLLOW fd refers to. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-rl-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    char target[64];
    snprintf(target, sizeof target, "target-%d", getpid());
    OK(symlinkat(target, dfd, "l") == 0, "symlinkat");
    char buf[128];
    memset(buf, '#', sizeof buf);
    ssize_t n = readlinkat(dfd, "l", buf, sizeof buf);
    OK(n == (ssize_t)strlen(target) && memcmp(buf, target, n) == 0 && buf[n] == '#', "readlinkat: the target, no NUL");
    memset(buf, '#', sizeof buf);
    OK(readlinkat(dfd, "l", buf, 4) == 4 && memcmp(buf, "targ", 4) == 0 && buf[4] == '#', "truncated to 4 bytes");
    int fd = openat(dfd, "plain", O_CREAT | O_WRONLY, 0600);
    errno = 0;
    OK(readlinkat(dfd, "plain", buf, sizeof buf) == -1 && errno == EINVAL, "not a link: EINVAL");
    errno = 0;
    OK(readlinkat(dfd, "none", buf, sizeof buf) == -1 && errno == ENOENT, "missing: ENOENT");
    char proc[64], expect[96];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    snprintf(expect, sizeof expect, "%s/plain", dir);
    n = readlink(proc, buf, sizeof buf);
    OK(n == (ssize_t)strlen(expect) && memcmp(buf, expect, n) == 0, "/proc/self/fd/N names the file");
    int lfd = openat(dfd, "l", O_PATH | O_NOFOLLOW);
    n = readlinkat(lfd, "", buf, sizeof buf);
    OK(n == (ssize_t)strlen(target) && memcmp(buf, target, n) == 0, "readlinkat on an O_PATH link fd");
    SHOW("target %.*s", (int)n, buf);
    close(lfd);
    close(fd);
    unlinkat(dfd, "l", 0);
    unlinkat(dfd, "plain", 0);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
