/* sig_prof_sampling: a CPU profiler's way: ITIMER_PROF sends SIGPROF every 2 ms of CPU time while
 * the program computes; the handler records in which phase of the computation each sample fell.
 * The samples' phases and the work done (SHOW) depend on exactly where each signal arrived. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/time.h>

#define SAMPLES 5
static volatile int phase, nsamples;
static int sampled_phase[SAMPLES];

static void on_prof(int sig)
{
    if (nsamples < SAMPLES)
        sampled_phase[nsamples] = phase;
    nsamples++;
}

static unsigned long work(unsigned long x, int p)
{
    phase = p;
    for (int i = 0; i < 1000; i++)
        x = x * 2862933555777941757ul + 3037000493ul;
    return x;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_prof;
    sa.sa_flags = SA_RESTART;
    OK(sigaction(SIGPROF, &sa, NULL) == 0, "SIGPROF handler");
    struct itimerval t = {{0, 2000}, {0, 2000}};
    OK(setitimer(ITIMER_PROF, &t, NULL) == 0, "ITIMER_PROF every 2 ms");
    unsigned long x = 1, rounds = 0;
    while (nsamples < SAMPLES && rounds < 100000000ul) {
        x = work(x, (int)(rounds % 3) + 1);
        rounds++;
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    OK(setitimer(ITIMER_PROF, &off, NULL) == 0, "profiling stopped");
    OK(nsamples >= SAMPLES, "five samples taken while computing");
    int valid = 1;
    for (int i = 0; i < SAMPLES; i++)
        valid &= sampled_phase[i] >= 1 && sampled_phase[i] <= 3;
    OK(valid, "every sample fell in a phase of the computation");
    SHOW("rounds %lu x %lx phases %d %d %d %d %d", rounds, x, sampled_phase[0], sampled_phase[1],
         sampled_phase[2], sampled_phase[3], sampled_phase[4]);
    return FIDELITY_END();
}
