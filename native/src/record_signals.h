/* record_signals.h: what the recorder reads of a recorded process's signal state (per /proc, and
 * its queued signals per ptrace) and how it classes a signal: queries that change nothing. */
#ifndef REWIND_RECORD_SIGNALS_H
#define REWIND_RECORD_SIGNALS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* A process's signal masks from /proc/PID/status, bit sig-1 for signal sig. */
struct signal_masks {
    uint64_t pending; /* queued, not yet taken: the thread's and the process's (SigPnd | ShdPnd) */
    uint64_t blocked; /* SigBlk */
    uint64_t ignored; /* SigIgn: at SIG_IGN */
    uint64_t caught;  /* SigCgt: with a handler */
};

/* Reads pid's masks; false (all zero) when /proc cannot be read. */
bool signal_masks_read(pid_t pid, struct signal_masks *out);

/* The signals with an entry in tracee tid's queues (its own and its process's), bit sig-1 for
 * signal sig, read with PTRACE_PEEKSIGINFO (tid in a ptrace stop); all ones when they cannot be
 * read in full. A signal not queued at a syscall-exit stop cannot be delivered on the way back
 * to user code: one that stops the tracee later, even with the same registers, came later. */
uint64_t signals_queued(pid_t tid);

/* Whether sig (1..64) is in mask. */
static inline bool signal_in(uint64_t mask, int sig)
{
    return sig >= 1 && sig <= 64 && (mask >> (sig - 1)) & 1;
}

/* A fault raised by the instruction the process ran (SIGSEGV, SIGBUS, ... with a kernel si_code),
 * as opposed to a signal sent to it. */
bool signal_is_synchronous(int sig, const siginfo_t *si);

/*
 * Whether the kernel would have discarded asynchronous signal sig had the process not been
 * traced: not blocked, and ignored (SIG_IGN, or SIG_DFL for a signal whose default is to ignore
 * it: SIGCHLD, SIGURG, SIGWINCH). A tracer is told of such signals anyway (the kernel keeps
 * ignored signals for it), but the program never sees them.
 */
bool signal_discarded_natively(const struct signal_masks *m, int sig);

#endif
