/* record_signals.c: the recorded process's signal masks from /proc/PID/status, and the classes of
 * signals the recorder treats apart (faults; signals the kernel would have discarded). */
#include "record_signals.h"

#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>

uint64_t signals_queued(pid_t tid)
{
    enum { CHUNK = 32, MAX_PEEKED = 1024 };
    static const unsigned queues[2] = {0, PTRACE_PEEKSIGINFO_SHARED};
    uint64_t mask = 0;
    for (int q = 0; q < 2; q++) {
        for (unsigned off = 0;; off += CHUNK) {
            if (off >= MAX_PEEKED)
                return ~0ull;
            siginfo_t si[CHUNK];
            struct __ptrace_peeksiginfo_args args = {.off = off, .flags = queues[q], .nr = CHUNK};
            long n = ptrace(PTRACE_PEEKSIGINFO, tid, &args, si);
            if (n < 0)
                return ~0ull;
            for (long i = 0; i < n; i++)
                if (si[i].si_signo >= 1 && si[i].si_signo <= 64)
                    mask |= 1ull << (si[i].si_signo - 1);
            if (n < CHUNK)
                break;
        }
    }
    return mask;
}

bool signal_masks_read(pid_t pid, struct signal_masks *out)
{
    memset(out, 0, sizeof *out);
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return false;
    while (fgets(line, sizeof line, f)) {
        unsigned long long mask;
        if (sscanf(line, "SigPnd: %llx", &mask) == 1 || sscanf(line, "ShdPnd: %llx", &mask) == 1)
            out->pending |= mask;
        else if (sscanf(line, "SigBlk: %llx", &mask) == 1)
            out->blocked = mask;
        else if (sscanf(line, "SigIgn: %llx", &mask) == 1)
            out->ignored = mask;
        else if (sscanf(line, "SigCgt: %llx", &mask) == 1)
            out->caught = mask;
    }
    fclose(f);
    return true;
}

bool signal_is_synchronous(int sig, const siginfo_t *si)
{
    switch (sig) {
    case SIGSEGV:
    case SIGBUS:
    case SIGILL:
    case SIGFPE:
    case SIGTRAP:
        return si->si_code > 0;
    default:
        return false;
    }
}

bool signal_discarded_natively(const struct signal_masks *m, int sig)
{
    if (sig < 1 || sig > 64 || signal_in(m->blocked, sig))
        return false; /* blocked: stays pending, for sigpending, sigwaitinfo and signalfd */
    if (signal_in(m->ignored, sig))
        return true;
    bool ignored_by_default = sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH;
    return ignored_by_default && !signal_in(m->caught, sig);
}
