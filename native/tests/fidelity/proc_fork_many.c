/* proc_fork_many: 24 children, each exiting with its index; wait(-1) collects every one exactly
 * once in whatever order they end (the sum and the set of statuses are fixed), then ECHILD; each
 * child saw its own pid and our pid as its parent. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    enum { N = 24 };
    pid_t kids[N];
    pid_t me = getpid();
    fflush(stdout);
    for (int i = 0; i < N; i++) {
        kids[i] = fork();
        if (kids[i] == 0)
            _exit(getppid() == me ? i : 100 + i);
    }
    unsigned long seen = 0;
    int total = 0, bad = 0;
    for (int i = 0; i < N; i++) {
        int st;
        pid_t w = wait(&st);
        int code = WIFEXITED(st) ? WEXITSTATUS(st) : 200;
        if (w <= 0 || code >= N || kids[code] != w || (seen & (1ul << code)))
            bad++;
        else
            seen |= 1ul << code;
        total += code;
    }
    OK(bad == 0 && seen == (1ul << N) - 1, "every child collected once, with its own index");
    OK(total == N * (N - 1) / 2, "statuses sum to 276");
    errno = 0;
    OK(wait(NULL) == -1 && errno == ECHILD, "then ECHILD");
    SHOW("first %d last %d", kids[0], kids[N - 1]);
    return FIDELITY_END();
}
