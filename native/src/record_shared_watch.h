/*
 * record_shared_watch.h: while recording, what other processes store into the program's shared
 * memory.
 *
 * A MAP_SHARED mapping (anonymous, /dev/zero, a System V segment, a file) that a child inherited
 * or attached changes by the child's stores, which no syscall of the program describes; replay
 * runs no child. Once the program has both a shared mapping and a child that may reach it, the
 * recorder keeps a copy of every shared mapping's bytes and, at the exit of each syscall of the
 * program, records the pages that differ from that copy as the syscall's memory writes (then
 * takes them into the copy). So the replay sees another process's stores at the first syscall of
 * the program after them, which is where the program could first have learnt of them (waitpid, a
 * pipe, a futex wake...); a program that polls shared memory in a loop without syscalls sees them
 * earlier natively than the recording can say, which the replay's divergence checks then report.
 * The program's own stores are in the copy too (harmless: the replay holds the same bytes).
 * The copies are refreshed at the entry of every fork-like syscall, before a child exists.
 * Shared memory beyond SHARED_WATCH_MAX bytes cannot be watched: the recording stops, saying so.
 */
#ifndef REWIND_RECORD_SHARED_WATCH_H
#define REWIND_RECORD_SHARED_WATCH_H

#include <stddef.h>
#include <stdint.h>

#include "syscall_table.h"
#include "tracee.h"

#define SHARED_WATCH_MAX (256ull << 20)

/* At the entry of syscall nr: a fork-like one takes the copies. 0, or -1 (why). */
int shared_watch_entry(struct tracee *t, long nr, const uint64_t args[6], char *why, size_t whylen);

/* At its exit (result): the ranges other processes changed since the last look (malloc'd, *n of
 * them). 0, or -1 (why: the recording must stop). */
int shared_watch_exit(struct tracee *t, long nr, const uint64_t args[6], int64_t result,
                      struct mem_range **out, size_t *n, char *why, size_t whylen);

#endif
