/* sigchld_siginfo: each SIGCHLD carries the pid of the child that ended. A first child ends while
 * the program computes (no syscall: the recorder holds the signal back to the next syscall), the
 * program then blocks SIGCHLD and takes it with sigtimedwait; a second child's SIGCHLD then goes to
 * an SA_SIGINFO handler. Each must name its own child, while recorded and in replay. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled_pid, handled;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    handled_pid = si->si_pid;
    handled++;
}

static pid_t child_exiting(int code)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(code);
    return pid;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);

    /* 1: blocked from the start, taken by sigtimedwait */
    sigprocmask(SIG_BLOCK, &chld, &old);
    pid_t first = child_exiting(3);
    struct timespec ten = {10, 0};
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int got = sigtimedwait(&chld, &si, &ten);
    int ok1 = got == SIGCHLD && si.si_pid == first && si.si_status == 3;
    waitpid(first, NULL, 0);
    sigprocmask(SIG_SETMASK, &old, NULL);

    /* 2: a second child, its SIGCHLD handled: the handler must see the second child's pid */
    pid_t second = child_exiting(4);
    while (!handled)
        sigsuspend(&old);
    int ok2 = handled_pid == second;
    waitpid(second, NULL, 0);

    printf("children %d and %d\n", (int)first, (int)second);
    printf("sigtimedwait named its child: %s\n", ok1 ? "ok" : "FAILED");
    printf("the handler named its child: %s\n", ok2 ? "ok" : "FAILED");
    if (!ok1 || !ok2)
        return 1;
    printf("sigchld_siginfo: every SIGCHLD named its own child\n");
    return 0;
}
