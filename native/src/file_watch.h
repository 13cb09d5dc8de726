/*
 * file_watch.h: while recording, what a write-like syscall did to the program's memory through
 * the files it maps.
 *
 * A write(), pwrite(), ftruncate(), fallocate(), copy_file_range(), splice() into a file, or a
 * truncate()/open(O_TRUNC) by path changes every MAP_SHARED mapping of that file at once, and the
 * pages of MAP_PRIVATE mappings the program has not stored to yet (they still show the page cache:
 * /proc/PID/pagemap). Those changes are none of the syscall table's outputs; this module finds them
 * and hands them to the recorder as the syscall's memory outputs, so replay reproduces them.
 *
 * How: the set of files (dev+inode) the program ever mapped is kept; a write-like syscall whose
 * target (matched by dev+inode, so any descriptor or path of the file counts) is in that set has the
 * pages of its mappings that follow the file read at entry and again at exit; the bytes that differ
 * are the outputs. A page that becomes readable (the file grew over it) is an output as a whole.
 *
 * Size changes: a page wholly past the end of file faults (SIGBUS). When ftruncate, truncate or
 * open(O_TRUNC) changes the size of a file mapped shared, the event carries a zero-length memory
 * write at the start of each shared mapping of it (docs/trace-format.md: "size marks"); replay sets
 * the size of its copy of that file to the size the syscall set. A file mapped privately whose
 * mapped pages become unreadable, or a shared one shrunk by any other syscall, cannot be replayed:
 * the recording stops there, saying so.
 */
#ifndef REWIND_FILE_WATCH_H
#define REWIND_FILE_WATCH_H

#include "tracee.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file_watch;

struct file_watch *file_watch_new(void);
void file_watch_free(struct file_watch *fw);

/* The program mapped the file dev:ino (an mmap of it succeeded, or it was mapped at exec). */
void file_watch_add(struct file_watch *fw, uint64_t dev, uint64_t ino);

/* Adds every file the process maps now (after an exec). */
void file_watch_add_all_mapped(struct file_watch *fw, pid_t pid);

/* At the entry of syscall nr: when it may change a watched file, reads the pages of that file's
 * mappings as they are now. */
void file_watch_entry(struct file_watch *fw, struct tracee *t, long nr, const uint64_t args[6]);

/* One memory output found at exit: len bytes at addr (len 0: a size mark, see above). */
struct watch_range {
    uint64_t addr, len;
};

/*
 * At the exit of the syscall file_watch_entry saw: the ranges of the program's memory that
 * changed (into *out, a fresh array the caller frees; *n their count). Returns 0, or -1 with `why`
 * when the change cannot be replayed (the recording must stop).
 */
int file_watch_exit(struct file_watch *fw, struct tracee *t, struct watch_range **out, size_t *n,
                    char *why, size_t whylen);

/* The size a size mark in an event of syscall nr says its file has now: ftruncate and truncate
 * set args[1]; open, openat, openat2 and creat (marked only when they truncated) set 0. False
 * for any other syscall (a mark there is a damaged trace). */
bool file_watch_marked_size(long nr, const uint64_t args[6], uint64_t *size);

#endif
