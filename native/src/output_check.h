/*
 * output_check.h: the checksum of what an output syscall (write, pwrite64, writev, pwritev,
 * pwritev2, sendto) took from the program's memory. The recorder stores it in the SYSCALL event;
 * replay recomputes it from the replayed program's memory, so a replay that would print or send
 * something else (an input Rewind cannot record, such as the rdrand instruction) stops with a
 * divergence instead of going on silently.
 */
#ifndef REWIND_OUTPUT_CHECK_H
#define REWIND_OUTPUT_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "tracee.h"
#include "util.h"

/* Appends to out the `result` bytes output syscall nr took from the program's memory, in order;
 * false when nr is not an output syscall, result <= 0, or the memory cannot be read. */
bool output_bytes(struct tracee *t, long nr, const uint64_t args[6], int64_t result, struct buf *out);

/* CRC-32C of those bytes (what the recorder stores and the replay compares). */
bool output_checksum(struct tracee *t, long nr, const uint64_t args[6], int64_t result,
                     uint32_t *crc);

#endif
