/*
 * dirty.h: which pages of a process were written since its last snapshot, so a snapshot
 * reads and sends only those (docs/snapshot-format.md, "Incremental bodies").
 *
 * How: the process gets a userfaultfd in asynchronous write-protect mode (UFFD_FEATURE_WP_ASYNC,
 * Linux 6.7), made by an injected userfaultfd() and taken over by the agent (pidfd_getfd), so the
 * program's own file descriptors are untouched. After a snapshot every private mapping is
 * registered and write-protected; the kernel clears a page's protection at its first write, with
 * no fault reaching anybody. At the next snapshot one PAGEMAP_SCAN ioctl on /proc/PID/pagemap tells
 * each page's state: written, present (or swapped) and untouched, or not there at all.
 *
 * The replay's snapshots (snapshot.c) and the recorder's (snapshot_dump.c, which scans and protects
 * the recorded process when it forks it, while a thread reads the fork) both use it.
 *
 * Invariants (what makes "untouched" mean "same bytes as in the base snapshot"):
 *  - Tracking belongs to one process (pid) and one base snapshot (base_event). Anything else (a
 *    restore, a failed snapshot) starts over: the next snapshot is read in full.
 *  - Only private mappings are classified; a page of a mapping that was not registered since the
 *    base carries no write-protect bit and so always reads as written. Forks (save points) lose the
 *    registration (no UFFD_FEATURE_EVENT_FORK), and mremap drops it (no EVENT_REMAP).
 *  - A page with no page table entry reads as its backing: zero for anonymous memory, the file for
 *    a private file mapping (the recording's blobs never change).
 * Where the kernel lacks any of this, every snapshot is simply read in full (dirty_available).
 */
#ifndef REWIND_DIRTY_H
#define REWIND_DIRTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "tracee.h"

/* What a snapshot does with one page. */
enum dirty_page {
    DIRTY_READ,    /* written (or unknown): read it and compare with its backing */
    DIRTY_BACKING, /* holds its backing's bytes (zero, or the mapped file): not in the snapshot */
    DIRTY_AS_BASE, /* untouched since the base snapshot, which held it: the base's bytes */
};

struct dirty_region;

struct dirty_tracker {
    pid_t pid;                    /* the process tracked, 0 for none */
    int uffd;                     /* held by the agent; -1 when not open */
    bool valid;                   /* protections were reset at base_event, and base_pages are it */
    uint64_t base_event;
    uint64_t *base_pages;         /* sorted: the pages the base snapshot held */
    size_t nbase;
    /* while a snapshot is being encoded */
    bool classifying;             /* dirty_classify may be asked (dirty_begin said so) */
    struct dirty_region *scan;    /* pages with a page table entry, sorted */
    size_t nscan, scan_at;
    uint64_t *held;               /* the pages this snapshot holds, in address order */
    size_t nheld, held_cap;
    size_t base_at;
};

/* Is write tracking possible here (checked once: userfaultfd with WP_ASYNC, PAGEMAP_SCAN)?
 * REWIND_NO_WRITE_TRACKING in the environment says no, as an older kernel would. */
bool dirty_available(void);

void dirty_init(struct dirty_tracker *d);
/* Forgets everything and closes the descriptors. */
void dirty_reset(struct dirty_tracker *d);

/* Starts a snapshot of t (stopped), against base_event if has_base. Returns true when pages can be
 * classified against that base (dirty_classify), false when the snapshot must be read in full.
 * Either way dirty_hold then records the pages the snapshot holds. */
bool dirty_begin(struct dirty_tracker *d, struct tracee *t, bool has_base, uint64_t base_event);

struct map_entry;
/* Mappings whose pages dirty_classify may judge (and that get registered): private, and of a file
 * or anonymous memory (not the vDSO and other special mappings). */
bool dirty_trackable(const struct map_entry *m);

/* The state of the page at addr of a private mapping (file_backing: a none entry reads as the
 * mapped file, which the snapshot compares against; otherwise as zero only for anonymous memory,
 * anonymous: the mapping has no file). Addresses must come in increasing order. */
enum dirty_page dirty_classify(struct dirty_tracker *d, uint64_t addr, bool anonymous,
                               bool file_backing);

/* The snapshot holds the page at addr (read, or as in the base). Increasing order. */
void dirty_hold(struct dirty_tracker *d, uint64_t addr);

/* Starts tracking anew from this moment: t's private mappings are (re)registered and
 * write-protected (a userfaultfd made through the `syscall` instruction at inj the first time).
 * False where that cannot be done (tracking stops). Until dirty_settle, no base is valid. */
bool dirty_protect(struct dirty_tracker *d, struct tracee *t, uint64_t inj);

/* The snapshot at event, whose moment dirty_protect started from, is stored whole: the pages it
 * holds become the base of the next. */
void dirty_settle(struct dirty_tracker *d, uint64_t event);

/* Both, for a snapshot at event just taken of t; with track false tracking stops instead (the next
 * snapshot is read in full). */
void dirty_commit(struct dirty_tracker *d, struct tracee *t, uint64_t inj, uint64_t event,
                  bool track);

/* The snapshot failed: the next one is read in full. */
void dirty_abort(struct dirty_tracker *d);

#endif
