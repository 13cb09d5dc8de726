/*
 * fidelity.h: what every fidelity program (native/tests/fidelity) shares. Each program exercises
 * one kernel feature and checks that the kernel behaved as documented: OK(cond, what) prints
 * "ok: what" or "FAIL: what (errno text)"; SHOW prints a value that differs from run to run (a
 * pid, a time, random bytes), so a replay that recomputed instead of reproducing would differ.
 * FidelityScenarioTest runs each one natively, records it and replays it: no FAIL in either run,
 * the same ok lines natively and recorded, and the replay byte for byte the recording.
 */
#ifndef REWIND_FIDELITY_H
#define REWIND_FIDELITY_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int fidelity_failures;

#define OK(cond, what)                                                                          \
    do {                                                                                       \
        int ok_ = (cond);                                                                      \
        int errno_ = errno;                                                                    \
        if (ok_)                                                                               \
            printf("ok: %s\n", what);                                                          \
        else {                                                                                 \
            printf("FAIL: %s (%s)\n", what, strerror(errno_));                                 \
            fidelity_failures++;                                                               \
        }                                                                                      \
    } while (0)

#define SHOW(...)                                                                               \
    do {                                                                                       \
        printf("value: ");                                                                     \
        printf(__VA_ARGS__);                                                                   \
        printf("\n");                                                                          \
    } while (0)

/* The status main returns: 0 when every check passed. */
#define FIDELITY_END() (fflush(stdout), fidelity_failures ? 1 : 0)

#endif
