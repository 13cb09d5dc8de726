/*
 * signals.c: debuggee of the time-travel tests across signals: each iteration faults (SIGSEGV,
 * caught, siglongjmp back) and raises SIGUSR1 (caught, returns), so the recording's past holds
 * synchronous and asynchronous signals between the breakpoints. Tests find lines by the markers.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static volatile int faults;
static volatile int usr1s;

static void on_segv(int sig)
{
    faults++;                                 /* SEGV_HANDLER */
    siglongjmp(env, sig);
}

static void on_usr1(int sig)
{
    usr1s += sig;                             /* USR1_HANDLER */
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    int total = 0;
    for (int i = 0; i < 3; i++) {
        if (sigsetjmp(env, 1) == 0) {
            volatile int *bad = (volatile int *)(uintptr_t)(0x1000 * (i + 1));
            total += *bad;                    /* FAULT_LINE */
        }
        raise(SIGUSR1);
        total += i;                           /* AFTER_SIGNALS */
        printf("i=%d faults=%d usr1s=%d total=%d\n", i, faults, usr1s, total);
        fflush(stdout);
    }
    return total;                             /* MAIN_RETURN */
}
