/* sys_prctl_tsc: PR_GET_TSC writes the program's own TSC setting: PR_TSC_ENABLE at first; after
 * PR_SET_TSC(PR_TSC_SIGSEGV) it reads PR_TSC_SIGSEGV and rdtsc raises SIGSEGV (caught here);
 * after PR_SET_TSC(PR_TSC_ENABLE) rdtsc works again. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <x86intrin.h>

static sigjmp_buf env;
static void on_segv(int sig) { siglongjmp(env, 1); }

int main(void)
{
    int mode = -1;
    OK(prctl(PR_GET_TSC, &mode) == 0 && mode == PR_TSC_ENABLE, "PR_GET_TSC: enabled at first");
    OK(prctl(PR_SET_TSC, PR_TSC_SIGSEGV) == 0, "PR_SET_TSC SIGSEGV");
    mode = -1;
    OK(prctl(PR_GET_TSC, &mode) == 0 && mode == PR_TSC_SIGSEGV, "PR_GET_TSC reads PR_TSC_SIGSEGV");
    signal(SIGSEGV, on_segv);
    volatile int trapped = 0;
    if (sigsetjmp(env, 1) == 0)
        (void)__rdtsc();
    else
        trapped = 1;
    OK(trapped, "rdtsc raises SIGSEGV");
    OK(prctl(PR_SET_TSC, PR_TSC_ENABLE) == 0, "PR_SET_TSC ENABLE");
    mode = -1;
    OK(prctl(PR_GET_TSC, &mode) == 0 && mode == PR_TSC_ENABLE, "PR_GET_TSC reads PR_TSC_ENABLE");
    uint64_t t = __rdtsc();
    OK(t > 0, "rdtsc works again");
    SHOW("tsc %llu", (unsigned long long)t);
    return FIDELITY_END();
}
