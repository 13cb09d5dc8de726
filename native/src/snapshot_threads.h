/*
 * snapshot_threads.h: the threads section of a snapshot body (docs/snapshot-format.md, version 4):
 * every thread of a multithreaded replay, its state (thread_fork.h's struct thread_fork_state:
 * registers, FP/SSE/AVX, signal mask, tid pointers, robust list, rseq, altstack, name, TSC mode,
 * affinity, its place: at an emulated syscall entry, a syscall exit or in user code) and its
 * place in the replay (recorded tid, parked at a blocking syscall's entry, which one runs).
 * Restoring recreates the threads in the husk the way a save point's copy is made: the husk's
 * thread becomes the main thread, the others are cloned into it, each given its state.
 */
#ifndef REWIND_SNAPSHOT_THREADS_H
#define REWIND_SNAPSHOT_THREADS_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct replay;

/* Appends the section (u32 length, then its bytes) for replay r, stopped between events with its
 * breakpoint bytes out: a count of 0 for a replay with one thread. 0, or -1 with err. */
int snapshot_threads_encode(struct replay *r, struct buf *out, char *err, size_t errlen);

/* Whether the section (its bytes, without the length) holds threads (count > 0). */
int snapshot_threads_count(const uint8_t *sec, size_t len);

/* Recreates the section's threads in r's freshly built husk (r->t: the husk's one thread, at a
 * syscall stop, memory and signal actions restored) and gives r their table (r->th is
 * overwritten: the caller keeps the one it had); r->t becomes the thread that ran. 0, or -1 with
 * err (r->th lists the threads made: the caller kills the husk with every one of them). */
int snapshot_threads_restore(struct replay *r, const uint8_t *sec, size_t len, char *err,
                             size_t errlen);

#endif
