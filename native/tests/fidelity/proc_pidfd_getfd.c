/* proc_pidfd_getfd: pidfd_getfd duplicates another process's descriptor into ours: from a child
 * (which opened a pipe after fork), the copy writes into the child's pipe; from ourselves (a
 * pidfd of our own pid), it duplicates our own descriptor (same open file, FD_CLOEXEC set); a
 * descriptor the target does not have is EBADF. Needs ptrace access to the target. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int report[2];
    pipe(report);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        int mine[2];
        pipe(mine);
        write(report[1], &mine[1], sizeof mine[1]);
        char c = 0;
        read(mine[0], &c, 1);
        _exit(c == 'g' ? 0 : 1);
    }
    int child_fd = -1;
    OK(read(report[0], &child_fd, sizeof child_fd) == sizeof child_fd, "the child's pipe descriptor number");
    int pfd = (int)syscall(SYS_pidfd_open, p, 0);
    int copy = (int)syscall(SYS_pidfd_getfd, pfd, child_fd, 0);
    OK(copy >= 0 && (fcntl(copy, F_GETFD) & FD_CLOEXEC), "pidfd_getfd from the child: close-on-exec");
    OK(copy >= 0 && write(copy, "g", 1) == 1, "write through it");
    int st;
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child read it from its pipe");
    int self = (int)syscall(SYS_pidfd_open, getpid(), 0);
    int dup_of_report = (int)syscall(SYS_pidfd_getfd, self, report[0], 0);
    struct stat a, b;
    OK(dup_of_report >= 0 && fstat(dup_of_report, &a) == 0 && fstat(report[0], &b) == 0 &&
       a.st_ino == b.st_ino,
       "pidfd_getfd from ourselves: the same pipe");
    errno = 0;
    OK(syscall(SYS_pidfd_getfd, self, 999, 0) == -1 && errno == EBADF, "a descriptor we lack: EBADF");
    SHOW("child %d copies %d %d", p, copy, dup_of_report);
    return FIDELITY_END();
}
