/* fs_flock: flock on two opens of one file: LOCK_SH shared by both, LOCK_EX|LOCK_NB conflicts with
 * EWOULDBLOCK, LOCK_UN releases, converting a lock works, a bad operation EINVAL; a forked child
 * blocks no one once it exits. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-flock-XXXXXX";
    int a = mkstemp(path);
    int b = open(path, O_RDONLY);
    OK(a >= 0 && b >= 0, "two opens");
    OK(flock(a, LOCK_SH) == 0 && flock(b, LOCK_SH | LOCK_NB) == 0, "both share LOCK_SH");
    errno = 0;
    OK(flock(a, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK, "LOCK_EX while shared: EWOULDBLOCK");
    OK(flock(b, LOCK_UN) == 0 && flock(a, LOCK_EX | LOCK_NB) == 0, "after LOCK_UN the upgrade works");
    errno = 0;
    OK(flock(b, LOCK_SH | LOCK_NB) == -1 && errno == EWOULDBLOCK, "shared while exclusive: EWOULDBLOCK");
    OK(flock(a, LOCK_UN) == 0, "unlock");
    pid_t child = fork();
    if (child == 0) {
        int c = open(path, O_RDONLY);
        _exit(flock(c, LOCK_EX) == 0 ? 0 : 1);
    }
    int status;
    OK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0, "a child locks and exits");
    OK(flock(b, LOCK_EX | LOCK_NB) == 0, "its lock went with it");
    errno = 0;
    OK(flock(a, 0) == -1 && errno == EINVAL, "no operation: EINVAL");
    SHOW("child %d", (int)child);
    close(a);
    close(b);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
