/* sig_child_sigqueue: a child sends its parent real-time signals with values (sigqueue); the
 * parent takes them with sigwaitinfo in order, each with the child's pid and uid, SI_QUEUE, and
 * the value; the queue keeps all of them although they arrived before the parent waited. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 5);
    sigprocmask(SIG_BLOCK, &set, NULL);
    pid_t parent = getpid();
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        for (int i = 1; i <= 5; i++)
            sigqueue(parent, SIGRTMIN + 5, (union sigval){.sival_int = i * 100});
        _exit(0);
    }
    OK(waitpid(p, NULL, 0) == p, "the child sent five and exited");
    int in_order = 1, from_child = 1;
    for (int i = 1; i <= 5; i++) {
        siginfo_t si;
        memset(&si, 0, sizeof si);
        if (sigwaitinfo(&set, &si) != SIGRTMIN + 5 || si.si_value.sival_int != i * 100)
            in_order = 0;
        if (si.si_pid != p || si.si_uid != getuid() || si.si_code != SI_QUEUE)
            from_child = 0;
    }
    OK(in_order, "five values, in the order sent");
    OK(from_child, "each from the child, SI_QUEUE");
    struct timespec zero = {0, 0};
    errno = 0;
    OK(sigtimedwait(&set, NULL, &zero) == -1 && errno == EAGAIN, "none left");
    SHOW("child %d", p);
    return FIDELITY_END();
}
