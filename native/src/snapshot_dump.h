/*
 * snapshot_dump.h: the snapshots taken while recording (`record --snapshots`), dumped on another
 * core while the program runs on.
 *
 * At a syscall stop the recorder reads what a snapshot holds besides memory (snapshot_read_state:
 * registers, AVX state, signal actions), then forks the recorded process by an injected
 * clone(CLONE_PARENT | CLONE_PTRACE | CLONE_UNTRACED): the fork holds the memory of that moment
 * (copy-on-write), is a stopped tracee of ours that never runs, and the program never sees it
 * (no ptrace fork event, no SIGCHLD, not its child). A thread of the agent writes the body from the
 * fork's memory (/proc/PID/mem) into DIR/EVENT.body, then the fork is killed. File mappings are
 * resolved to blobs on the recorder's thread before (the trace writer is not shared).
 *
 * Invariants: one dump at a time (a snapshot due while one runs waits for it: the program pauses
 * only when dumps are slower than its run between two snapshots); a body appears under its name
 * only when whole (written to a temporary name first). Where a fork would not hold the same memory
 * (ranges marked MADV_DONTFORK / MADV_WIPEONFORK), or cannot be made, the dump runs in place with
 * the program waiting, as it would without a fork. While the program has a writable shared
 * mapping no snapshot is taken (none could be restored: docs/snapshot-format.md). REWIND_DUMP_IN_PLACE in the environment makes every
 * dump run in place (to measure what the fork saves, and to test that way).
 */
#ifndef REWIND_SNAPSHOT_DUMP_H
#define REWIND_SNAPSHOT_DUMP_H

#include <stdbool.h>
#include <stdint.h>

#include "snapshot.h"
#include "trace_writer.h"
#include "tracee.h"

struct snapshot_dumper;

/* A dumper writing bodies into dir (which exists), blobs through tw. */
struct snapshot_dumper *snapshot_dumper_new(const char *dir, struct trace_writer *tw);

/* Cleans up a dump that has finished (its fork's memory is freed). */
void snapshot_dumper_poll(struct snapshot_dumper *d);

/* Takes the snapshot of t (at a syscall-exit stop, standing at `at`), after the dump in progress
 * ends: in a fork dumped on another thread, or in place. Leaves t stopped as it was. 0 when taken;
 * 1 when the program's state cannot be held, or when a body met a full disk before (then no more
 * are taken: warned once; the next one is due a period later); -1 with err when none can be
 * taken at this stop. */
int snapshot_dumper_take(struct snapshot_dumper *d, struct tracee *t,
                         const struct snapshot_place *at, char *err, size_t errlen);

/* Waits for a dump in progress, then frees the dumper; how many snapshots it dumped from forks
 * and in place go to *forked and *in_place. */
void snapshot_dumper_free(struct snapshot_dumper *d, uint32_t *forked, uint32_t *in_place);

#endif
