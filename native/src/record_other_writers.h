/*
 * record_other_writers.h: the program's memory that processes other than it change while it is
 * recorded, as memory writes of its syscalls: a vfork child's stores (record_vfork.h) and other
 * processes' stores into shared memory (record_shared_watch.h). One entry and one exit call per
 * syscall of the program.
 */
#ifndef REWIND_RECORD_OTHER_WRITERS_H
#define REWIND_RECORD_OTHER_WRITERS_H

#include <stddef.h>
#include <stdint.h>

#include "syscall_table.h"
#include "tracee.h"

/* At the entry of syscall nr. 0, or -1 (why: the recording must stop). */
int other_writers_entry(struct tracee *t, long nr, const uint64_t args[6], char *why, size_t whylen);

/* At its exit: the ranges others changed (malloc'd, *n of them). 0, or -1 (why). */
int other_writers_exit(struct tracee *t, long nr, const uint64_t args[6], int64_t result,
                       struct mem_range **out, size_t *n, char *why, size_t whylen);

/* Appends [addr, addr+len) to *ranges (*n used of *cap, grown by realloc), merged with the last
 * range when adjacent. 0, or -1 when out of memory (the ranges unchanged). */
int mem_ranges_append(struct mem_range **ranges, size_t *n, size_t *cap, uint64_t addr,
                      uint64_t len);

#endif
