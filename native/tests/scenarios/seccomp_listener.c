/* seccomp_listener: the program installs its own seccomp filter with a user-notification listener
 * (SECCOMP_FILTER_FLAG_NEW_LISTENER, as sandboxes and container runtimes do). Alone it gets the
 * listener; recorded, Rewind's own output filter holds the one listener a process may have, so the
 * recording stops at that seccomp call with a message saying why (UnrecordableEffectsTest). */
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    printf("before: pid %d\n", getpid());
    fflush(stdout);
    struct sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 7),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {sizeof code / sizeof code[0], code};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return 2;
    long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
    printf("after: listener %s\n", fd >= 0 ? "made" : strerror(errno));
    return fd >= 0 ? 0 : 1;
}
