/* fs_fcntl_locks: POSIX record locks: a child holds a write lock on bytes 0-99; F_GETLK in the
 * parent describes it (type, start, length, the child's pid), F_SETLK on it is EAGAIN (or EACCES),
 * a range beyond it locks; after the child exits F_GETLK says F_UNLCK. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-lock-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    int go[2], done[2];
    pipe(go);
    pipe(done);
    pid_t child = fork();
    if (child == 0) {
        struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100};
        fcntl(fd, F_SETLK, &l);
        write(go[1], "x", 1);
        char c;
        read(done[0], &c, 1);
        _exit(0);
    }
    char c;
    OK(read(go[0], &c, 1) == 1, "the child holds its lock");
    struct flock q = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 5};
    OK(fcntl(fd, F_GETLK, &q) == 0, "F_GETLK");
    OK(q.l_type == F_WRLCK && q.l_start == 0 && q.l_len == 100 && q.l_pid == child, "it describes the child's lock");
    struct flock s = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 50, .l_len = 1};
    errno = 0;
    OK(fcntl(fd, F_SETLK, &s) == -1 && (errno == EAGAIN || errno == EACCES), "F_SETLK on it: EAGAIN");
    s.l_start = 100;
    s.l_len = 10;
    OK(fcntl(fd, F_SETLK, &s) == 0, "a range after it locks");
    SHOW("holder pid %d", (int)q.l_pid);
    write(done[1], "x", 1);
    int status;
    OK(waitpid(child, &status, 0) == child && WIFEXITED(status), "the child exits");
    struct flock r = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    OK(fcntl(fd, F_GETLK, &r) == 0 && r.l_type == F_UNLCK, "now F_GETLK says F_UNLCK");
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
