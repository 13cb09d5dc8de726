/*
 * blob_store.h: file copies shared by the recordings of one folder. A recording's blobs/ holds a
 * copy of every file the program mapped; recordings made side by side (the user's traces folder,
 * or any folder of their own) map mostly the same libraries, so each copy is kept once, in the
 * folder's ".rewind-blobs", and hard-linked into every recording that needs it: a recording costs
 * disk only for the files no earlier recording there had.
 *
 * Invariants: the store is used only in a folder the user owns and no one else may write (mode
 * without group/other write), and only when ".rewind-blobs" is a real folder owned by the user,
 * mode 0700 (never followed through a link); a store entry is only ever a link of a blob that was
 * named by its content when it was written; each recording stays self-contained (its blobs/ holds
 * links, not references), so deleting, copying or moving one never breaks another. Entries no
 * recording links any more (link count 1) are removed when the next recording there starts.
 */
#ifndef REWIND_BLOB_STORE_H
#define REWIND_BLOB_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "trace_format.h"

/* Opens (creating if needed) the store of the folder holding trace folder `trace_path`, and
 * removes its unreferenced entries. Returns the store's folder descriptor, or -1 when the folder
 * is not one to share in (not ours, writable by others, on a filesystem without hard links...). */
int blob_store_open(const char *trace_path);

/* Links the store's copy named `hash` into the trace as blobs/<hash>: true when done. */
bool blob_store_link_into(int store_fd, int trace_dir_fd, const uint8_t hash[TRACE_HASH_SIZE]);

/* Adds the trace's blobs/<hash> to the store (nothing when it has it already). */
void blob_store_adopt(int store_fd, int trace_dir_fd, const uint8_t hash[TRACE_HASH_SIZE]);

#endif
