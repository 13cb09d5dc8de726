/* sigsegv_handler: a synchronous SIGSEGV caught by a handler (SA_SIGINFO, on an alternate signal
 * stack) that siglongjmps back out. A fault reproduces by itself in replay; the handler's clock
 * read and the fault address must match the recording. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static sigjmp_buf env;
static void *fault_addr;
static struct timespec fault_time;

static void on_segv(int sig, siginfo_t *si, void *uc) {
    fault_addr = si->si_addr;
    clock_gettime(CLOCK_REALTIME, &fault_time);
    siglongjmp(env, sig);
}

int main(void) {
    stack_t ss = {.ss_sp = malloc(SIGSTKSZ), .ss_size = SIGSTKSZ};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    for (int i = 0; i < 3; i++) {
        int sig = sigsetjmp(env, 1);
        if (sig == 0) {
            volatile int *bad = (volatile int *)(uintptr_t)(0x1000 * (i + 1));
            *bad = 42;
            printf("not reached\n");
        } else {
            printf("caught signal %d at address %p, time %lld.%09ld\n", sig, fault_addr,
                   (long long)fault_time.tv_sec, fault_time.tv_nsec);
        }
    }
    printf("survived\n");
    return 0;
}
