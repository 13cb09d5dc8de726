/* signal_spin: caught asynchronous signals that arrive while the program spins in a loop without
 * syscalls, after a few syscalls (events) each: SIGALRM from an interval timer, then SIGUSR1 sent
 * by a child. Each is recorded at a point in user code (a signal point); a replay, also one from a
 * save point or snapshot made at any event before it, must deliver it at the same loop pass. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t fired;
static volatile unsigned long seen[2];

static void on_signal(int sig) { fired++; }

/* Spins until the want-th signal came (bounded: a replay that misses the point ends the loop
 * and diverges at the next syscall instead of spinning for ever). */
static unsigned long spin_until(int want)
{
    unsigned long n = 0;
    while (fired < want && n < 400000000ul)
        n++;
    return n;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGALRM, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    for (int i = 0; i < 3; i++)
        printf("round %d, parent known: %d\n", i, getppid() > 0);
    fflush(stdout);
    struct itimerval once = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &once, NULL);
    unsigned long a = spin_until(1);
    seen[0] = a;
    pid_t child = fork();
    if (child == 0) {
        usleep(20000);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    getppid();
    unsigned long b = spin_until(2);
    seen[1] = b;
    waitpid(child, NULL, 0);
    printf("spun %s %s\n", a > 0 ? "yes" : "no", b > 0 ? "yes" : "no");
    printf("fired %d\n", (int)fired);
    return 0;
}
