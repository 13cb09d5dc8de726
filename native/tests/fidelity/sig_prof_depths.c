/* sig_prof_depths: SIGPROF samples (ITIMER_PROF) that fall alternately in a loop of main and in a
 * leaf function it calls, whose frame lies 16 bytes deeper: the stack window a sample's point is
 * told apart by reaches below where an earlier sample in main had its red zone. The handler counts
 * the samples taken in each place; the counts and the work done (SHOW) depend on exactly where
 * each signal arrived. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/time.h>

#define SAMPLES 40
static volatile int in_leaf, nsamples, leaf_samples;

static void on_prof(int sig)
{
    nsamples++;
    leaf_samples += in_leaf;
}

static unsigned long leaf(unsigned long x)
{
    in_leaf = 1;
    for (int i = 0; i < 40; i++)
        x = x * 6364136223846793005ul + 1442695040888963407ul;
    in_leaf = 0;
    return x;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_prof;
    sa.sa_flags = SA_RESTART;
    OK(sigaction(SIGPROF, &sa, NULL) == 0, "SIGPROF handler");
    struct itimerval t = {{0, 1000}, {0, 1000}};
    OK(setitimer(ITIMER_PROF, &t, NULL) == 0, "ITIMER_PROF every 1 ms");
    unsigned long x = 1, y = 7, rounds = 0;
    while (nsamples < SAMPLES && rounds < 1000000000ul) {
        for (int i = 0; i < 40; i++)
            y = y * 2862933555777941757ul + 3037000493ul;
        x = leaf(x ^ y);
        rounds++;
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    OK(setitimer(ITIMER_PROF, &off, NULL) == 0, "profiling stopped");
    OK(nsamples >= SAMPLES, "forty samples taken while computing");
    SHOW("rounds %lu x %lx y %lx samples in the leaf %d", rounds, x, y, leaf_samples);
    return FIDELITY_END();
}
