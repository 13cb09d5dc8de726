/* sig_sync_faults: faults the CPU raises deliver synchronous signals with documented siginfo:
 * integer division by zero SIGFPE/FPE_INTDIV, ud2 SIGILL/ILL_ILLOPN at its address, int3
 * SIGTRAP (SI_KERNEL, rip after the int3), a store to an unmapped page SIGSEGV/SEGV_MAPERR with
 * si_addr the address, to a read-only page SEGV_ACCERR. Handlers recover with siglongjmp. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void handler(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(env, 1);
}

static volatile int zero = 0, x = 7;
static char *page;
static void divide(void) { x = x / zero; }
static void undefined(void) { __asm__ volatile("ud2"); }
static void breakpoint(void) { __asm__ volatile("int3"); }
static void store_unmapped(void) { page[4096 + 12] = 1; }
static void store_readonly(void) { page[100] = 1; }

/* Runs fn; 1 when a signal's handler jumped back out of it. */
static int faults(void (*fn)(void))
{
    got_sig = 0;
    if (sigsetjmp(env, 1) == 0) {
        fn();
        return 0;
    }
    return 1;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    int sigs[] = {SIGFPE, SIGILL, SIGTRAP, SIGSEGV};
    for (int i = 0; i < 4; i++)
        sigaction(sigs[i], &sa, NULL);
    OK(faults(divide) && got_sig == SIGFPE && got_code == FPE_INTDIV, "divide by zero: SIGFPE, FPE_INTDIV");
    OK(faults(undefined) && got_sig == SIGILL && got_code == ILL_ILLOPN, "ud2: SIGILL, ILL_ILLOPN");
    OK(faults(breakpoint) && got_sig == SIGTRAP && got_code == SI_KERNEL, "int3: SIGTRAP, SI_KERNEL");
    page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page + 4096, 4096);
    OK(faults(store_unmapped) && got_sig == SIGSEGV && got_code == SEGV_MAPERR &&
       got_addr == page + 4096 + 12,
       "unmapped: SIGSEGV, SEGV_MAPERR at the address");
    mprotect(page, 4096, PROT_READ);
    OK(faults(store_readonly) && got_sig == SIGSEGV && got_code == SEGV_ACCERR && got_addr == page + 100,
       "read-only: SEGV_ACCERR at the address");
    SHOW("page %p", (void *)page);
    return FIDELITY_END();
}
