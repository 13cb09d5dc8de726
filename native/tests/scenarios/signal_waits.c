/* signal_waits: a program blocked in a syscall that only a signal ends: ppoll, epoll_pwait2,
 * rt_sigsuspend, pause and rt_sigtimedwait, each woken by a SIGALRM from a timer or a SIGCHLD
 * from a child that exits. Replay must deliver each recorded signal inside the same syscall
 * (which the recording says was interrupted) instead of waiting forever. Prints what each wait
 * returned; every line is checked here, so a success line means the kernel behaved as documented. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms, chlds;
static void on_alarm(int sig) { alarms++; }
static void on_chld(int sig) { chlds++; }

static int failures;
static void check(int ok, const char *what) {
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
}

static void handle(int sig, void (*fn)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigaction(sig, &sa, NULL);
}

static void alarm_in_ms(int ms) {
    struct itimerval it = {{0, 0}, {0, ms * 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

/* A child that exits after ms milliseconds. */
static pid_t child_exiting_in_ms(int ms) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        usleep(ms * 1000);
        _exit(7);
    }
    return pid;
}

static int reaped_status(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(void) {
    handle(SIGALRM, on_alarm);
    handle(SIGCHLD, on_chld);
    sigset_t blocked, unblocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGALRM);
    sigaddset(&blocked, SIGCHLD);
    sigprocmask(SIG_BLOCK, &blocked, &unblocked);

    /* ppoll with no fds and no timeout: only SIGALRM, which its mask unblocks, ends it */
    sigset_t alarm_only = unblocked;
    sigaddset(&alarm_only, SIGCHLD);
    alarm_in_ms(30);
    int r = ppoll(NULL, 0, NULL, &alarm_only);
    check(r == -1 && errno == EINTR && alarms == 1, "ppoll woken by SIGALRM");

    /* epoll_pwait2 on an empty epoll set, no timeout: a child's SIGCHLD ends it */
    int ep = epoll_create1(EPOLL_CLOEXEC);
    pid_t pid = child_exiting_in_ms(30);
    struct epoll_event ev;
    r = (int)syscall(SYS_epoll_pwait2, ep, &ev, 1, NULL, &unblocked, _NSIG / 8);
    int e = errno;
    check(r == -1 && e == EINTR && chlds == 1, "epoll_pwait2 woken by SIGCHLD");
    printf("the first child was process %d\n", (int)pid);
    check(reaped_status(pid) == 7, "child status");

    /* rt_sigsuspend: SIGCHLD */
    pid = child_exiting_in_ms(30);
    while (chlds < 2)
        sigsuspend(&unblocked);
    check(chlds == 2, "sigsuspend woken by SIGCHLD");
    check(reaped_status(pid) == 7, "child status");

    /* pause with both signals unblocked: SIGALRM */
    sigprocmask(SIG_SETMASK, &unblocked, NULL);
    alarm_in_ms(30);
    while (alarms < 2)
        pause();
    check(alarms == 2, "pause woken by SIGALRM");
    sigprocmask(SIG_BLOCK, &blocked, NULL);

    /* rt_sigtimedwait takes the blocked SIGALRM as its result: no handler runs */
    sigset_t alrm;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    alarm_in_ms(30);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int got = sigwaitinfo(&alrm, &si);
    check(got == SIGALRM && si.si_signo == SIGALRM && alarms == 2, "sigwaitinfo took SIGALRM");

    /* sigtimedwait for SIGCHLD with a (long) timeout */
    pid = child_exiting_in_ms(30);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    struct timespec ten = {10, 0};
    got = sigtimedwait(&chld, &si, &ten);
    check(got == SIGCHLD && si.si_pid == pid && si.si_status == 7, "sigtimedwait took SIGCHLD");
    check(reaped_status(pid) == 7, "child status");

    /* The same waits with the signals not blocked outside them either (the wait's own mask is
     * the program's mask); a signal that comes early ends the loop without a wait. */
    sigprocmask(SIG_SETMASK, &unblocked, NULL);
    struct timespec second = {1, 0};
    alarm_in_ms(30);
    while (alarms < 3)
        ppoll(NULL, 0, &second, &unblocked);
    check(alarms == 3, "ppoll (signal never blocked) woken by SIGALRM");
    pid = child_exiting_in_ms(30);
    while (chlds < 3)
        sigsuspend(&unblocked);
    check(chlds == 3 && reaped_status(pid) == 7, "sigsuspend (signal never blocked) woken by SIGCHLD");
    pid = child_exiting_in_ms(30);
    while (chlds < 4)
        syscall(SYS_epoll_pwait2, ep, &ev, 1, &second, &unblocked, _NSIG / 8);
    check(chlds == 4 && reaped_status(pid) == 7, "epoll_pwait2 (signal never blocked) woken by SIGCHLD");

    /* A SIGCHLD that comes while the program computes (no syscall to deliver it at) */
    pid = child_exiting_in_ms(0);
    volatile unsigned long sum = 0;
    for (unsigned long i = 0; i < 200000000UL; i++)
        sum += i;
    while (chlds < 5)
        sigsuspend(&unblocked);
    check(chlds == 5 && reaped_status(pid) == 7, "SIGCHLD during a computation handled");

    printf("alarms %d, SIGCHLD handled %d\n", (int)alarms, (int)chlds);
    if (failures)
        return 1;
    printf("signal_waits: all waits ended as documented\n");
    return 0;
}
