/*
 * record_vfork.h: the memory a vfork child changes in the recorded program.
 *
 * A vfork child (vfork, or clone/clone3 with CLONE_VM | CLONE_VFORK and no CLONE_THREAD, as
 * posix_spawn makes) runs unrecorded in the program's own memory until it execs or exits, and the
 * program is suspended in the syscall all that time; real programs rely on the child's stores
 * (shells, posix_spawn's error report). Replay runs no child, so what the child stored is recorded
 * as memory writes of the vfork syscall itself: at its entry every page of the program's writable
 * mappings is fingerprinted (present pages by a 64-bit hash, absent ones as absent); at its exit
 * the pages that differ are the syscall's writes. A child that changes the mappings themselves
 * (mmap, munmap, brk, mprotect, a grown stack) cannot be reproduced that way: the recording stops
 * there, saying so.
 */
#ifndef REWIND_RECORD_VFORK_H
#define REWIND_RECORD_VFORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "syscall_table.h"
#include "tracee.h"

/* Does this syscall (at its entry) make a child that shares the caller's memory until exec? */
bool vfork_like(struct tracee *t, long nr, const uint64_t args[6]);

/* At the entry of a vfork-like syscall: fingerprints the memory of t. 0, or -1 (why). */
int vfork_watch_begin(struct tracee *t, char *why, size_t whylen);

/* Is a watch begun for t's syscall now exiting? */
bool vfork_watch_active(const struct tracee *t);

/* At its exit: the ranges whose bytes the child changed (malloc'd, *n of them), and ends the
 * watch. 0, or -1 (why: the child changed the mappings, or the memory could not be read). */
int vfork_watch_end(struct tracee *t, struct mem_range **out, size_t *n, char *why, size_t whylen);

#endif
