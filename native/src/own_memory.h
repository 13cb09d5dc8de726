/*
 * own_memory.h: whether a syscall gave the recorded program a file descriptor that writes its own
 * memory (/proc/PID/mem of itself, or of one of its threads, opened for writing). Writes through
 * such a descriptor change the program's memory behind the syscall table's back (write and pwrite
 * have no memory outputs), so the recorder stops the recording there instead of replaying a
 * program whose memory differs.
 */
#ifndef REWIND_OWN_MEMORY_H
#define REWIND_OWN_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tracee;

/* True when syscall nr (args, result) of tracee t just opened its own memory file for writing;
 * path (size bytes) then holds the file's name. Cheap for every other syscall: only successful
 * opens that asked for write access look at the new descriptor. */
bool opened_own_memory_for_writing(struct tracee *t, long nr, const uint64_t args[6], int64_t result,
                                   char *path, size_t size);

#endif
