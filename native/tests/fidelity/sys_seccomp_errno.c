/* sys_seccomp_errno: the program installs its own seccomp filter (after PR_SET_NO_NEW_PRIVS)
 * that makes getppid fail with errno 42 (SECCOMP_RET_ERRNO) and allows the rest; then getppid
 * is -1 with errno 42 every time, other syscalls work, a fork child inherits the filter. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    long before = syscall(SYS_getppid);
    OK(before > 0, "getppid works before the filter");
    SHOW("ppid %ld", before);
    struct sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 42),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {sizeof code / sizeof code[0], code};
    OK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, "no_new_privs");
    OK(syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0, "seccomp(SET_MODE_FILTER)");
    errno = 0;
    OK(syscall(SYS_getppid) == -1 && errno == 42, "getppid: errno 42");
    errno = 0;
    OK(syscall(SYS_getppid) == -1 && errno == 42, "again");
    OK(syscall(SYS_getpid) == getpid(), "getpid still works");
    OK(prctl(PR_GET_SECCOMP) == 2, "PR_GET_SECCOMP: 2");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0)
        _exit(syscall(SYS_getppid) == -1 && errno == 42 ? 0 : 1);
    int st;
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child inherits the filter");
    return FIDELITY_END();
}
