/*
 * record_madvise.h: MADV_FREE made deterministic while recording.
 *
 * After madvise(MADV_FREE) the kernel may drop the pages at any later moment (under memory
 * pressure) or never: a later load reads the old bytes or zeros, at a time no syscall marks, so
 * neither the recording nor the replay could say which. Zeros right away is one of the outcomes
 * the kernel allows, so once a MADV_FREE succeeds the recorder drops the range itself with an
 * injected MADV_DONTNEED (private anonymous memory: it reads as zeros until written), and replay
 * does the same (replay_syscalls.c): both then hold zeros there.
 */
#ifndef REWIND_RECORD_MADVISE_H
#define REWIND_RECORD_MADVISE_H

#include <stdint.h>

#include "tracee.h"

/* At the exit stop of syscall nr with args and result: settles a successful MADV_FREE. */
void madv_free_settle(struct tracee *t, long nr, const uint64_t args[6], int64_t result);

#endif
