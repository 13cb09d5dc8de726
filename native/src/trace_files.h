/*
 * trace_files.h: opening the files inside a trace folder as hostile input (traces come from CI
 * artifacts and colleagues). Every file is opened relative to the trace folder's descriptor,
 * component by component, without following any link (O_NOFOLLOW), and only a regular file is
 * accepted: a FIFO, device, socket, folder or link in its place is refused with a one-line message
 * naming it, never opened for a blocking read. The trace folder itself may be reached through a
 * link (the store's `latest`); links inside it are never followed.
 *
 * Blobs (blobs/<sha256>) are also checked against their names: the first time this process opens
 * a given file (identified by device, inode, size and change time), its SHA-256 is computed and
 * compared with the name; a mismatch is refused ("is damaged").
 */
#ifndef REWIND_TRACE_FILES_H
#define REWIND_TRACE_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "trace_format.h"

/* The largest header file a reader accepts (a few strings and argv). */
#define TRACE_HEADER_MAX_SIZE (16u << 20)

/* Opens `rel` ("header", "events", "blobs/<hex>") under dir_fd for reading: every folder on the
 * way a real folder, the file a regular file, no link followed; the descriptor is blocking and
 * close-on-exec. Returns it, or -1 with errno set (ENOENT when missing) and a one-line message in
 * err naming the file and what is wrong. */
int trace_file_open(int dir_fd, const char *rel, char *err, size_t errlen);

/* Opens blobs/<hash> under dir_fd as trace_file_open does, and checks (once per file in this
 * process) that its content's SHA-256 is `hash`. Returns the descriptor, or -1 with err set:
 * "trace is missing a file copy: blobs/<hex>", "... is damaged ...", "... is a FIFO ...". */
int trace_blob_open_checked(int dir_fd, const uint8_t hash[TRACE_HASH_SIZE], char *err, size_t errlen);

/* For a tracee to map blob `hash` of the trace at trace_dir: opens and checks it as
 * trace_blob_open_checked does, and writes into path "/proc/<this pid>/fd/<fd>", a name that opens
 * exactly that checked file whatever the folders hold. Returns the descriptor, which the caller
 * closes once the tracee has opened the path; or -1 with err set. */
int trace_blob_open_for_tracee(const char *trace_dir, const uint8_t hash[TRACE_HASH_SIZE], char *path,
                               size_t pathlen, char *err, size_t errlen);

#endif
