/*
 * trace_check.h: what a replay checks before it starts: every file copy (blob) the recording's
 * events map, each a regular file inside the trace whose SHA-256 is its name (trace_files.h), so
 * that a damaged, missing or replaced copy is refused before the program prints anything, never
 * replayed as other bytes.
 */
#ifndef REWIND_TRACE_CHECK_H
#define REWIND_TRACE_CHECK_H

#include <stddef.h>

/* Reads the events of the trace at trace_dir and checks every blob they map (each once).
 * Damage to the events themselves is left to the replay, which reports it where it is; the blobs
 * named before it are checked. *threads gets how many threads the events name (THREAD events,
 * format 4; 1 without any). Returns 0, or -1 with a one-line message in err. */
int trace_check_blobs(const char *trace_dir, int *threads, char *err, size_t errlen);

#endif
