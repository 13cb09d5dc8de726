/* program_paths.h: paths a recorded program passes to its syscalls, seen from the agent: the
 * string read out of the program's memory, and the file it names resolved as the program's own
 * syscall would resolve it (against its cwd or a dirfd, through /proc). */
#ifndef REWIND_PROGRAM_PATHS_H
#define REWIND_PROGRAM_PATHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Reads the NUL-terminated string at addr in process pid into out (at most n - 1 bytes and the
 * NUL), a page-bounded piece at a time (a read across an unmapped page fails whole); false when
 * unreadable or longer. */
bool program_read_path(pid_t pid, uint64_t addr, char *out, size_t n);

/* An O_PATH descriptor of `path` as process pid's syscall resolves it against dirfd (AT_FDCWD:
 * its cwd), or -1 with errno set. */
int program_path_open(pid_t pid, int dirfd, const char *path);

#endif
