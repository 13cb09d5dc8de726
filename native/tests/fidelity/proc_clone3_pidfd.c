/* proc_clone3_pidfd: clone3 with CLONE_PIDFD writes a pidfd into clone_args.pidfd and with
 * CLONE_PARENT_SETTID the child's pid into parent_tid; exit_signal SIGCHLD makes it waitable;
 * clone(CLONE_PIDFD) writes the pidfd through its parent_tid argument; clone3 with an unknown
 * flag or a too small size is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int pidfd = -1;
    pid_t tid = 0;
    struct clone_args ca;
    memset(&ca, 0, sizeof ca);
    ca.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
    ca.pidfd = (uint64_t)(uintptr_t)&pidfd;
    ca.parent_tid = (uint64_t)(uintptr_t)&tid;
    ca.exit_signal = SIGCHLD;
    fflush(stdout);
    long p = syscall(SYS_clone3, &ca, sizeof ca);
    if (p == 0)
        _exit(3);
    OK(p > 0, "clone3");
    OK(pidfd >= 0 && tid == p, "clone3 wrote the pidfd and the child's pid");
    struct pollfd q = {pidfd, POLLIN, 0};
    OK(poll(&q, 1, 5000) == 1, "the pidfd becomes readable");
    int st;
    OK(waitpid((pid_t)p, &st, 0) == p && WEXITSTATUS(st) == 3, "waitpid: status 3");
    int pidfd2 = -1;
    fflush(stdout);
    long p2 = syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, 0, &pidfd2, 0, 0);
    if (p2 == 0)
        _exit(4);
    OK(p2 > 0 && pidfd2 >= 0 && pidfd2 != pidfd, "clone(CLONE_PIDFD): a pidfd through parent_tid");
    OK(waitpid((pid_t)p2, &st, 0) == p2 && WEXITSTATUS(st) == 4, "status 4");
    memset(&ca, 0, sizeof ca);
    ca.flags = 1ull << 40;
    errno = 0;
    OK(syscall(SYS_clone3, &ca, sizeof ca) == -1 && errno == EINVAL, "unknown flag: EINVAL");
    errno = 0;
    OK(syscall(SYS_clone3, &ca, 8) == -1 && errno == EINVAL, "size 8: EINVAL");
    SHOW("children %ld %ld pidfds %d %d", p, p2, pidfd, pidfd2);
    return FIDELITY_END();
}
