/*
 * snapshot.h: snapshots of a replay session (docs/snapshot-format.md): a stopped replayed
 * process's whole state as one body, and a session opened from one in a fresh process.
 */
#ifndef REWIND_SNAPSHOT_H
#define REWIND_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "image.h"
#include "replay.h"
#include "trace_reader.h"
#include "util.h"

/* Where a snapshot stands: the event log's position of the next event, and the replay's own state
 * of that moment (the program break as replayed, a temporary signal mask). */
struct snapshot_place {
    struct trace_pos pos;
    uint64_t brk, swap_mask;
};

/* The snapshot body of the stopped process t (at a syscall stop, standing at `at`); file mappings
 * as blob() says, the rest as src says (see image_encode; src may be NULL). For the recorder,
 * which snapshots the recorded process itself. 0, or -1 with err. */
int snapshot_encode_process(struct tracee *t, const struct snapshot_place *at,
                            const struct image_source *src, image_blob_fn blob, void *ctx,
                            struct buf *out, char *err, size_t errlen);

/* What a snapshot of a replay session is asked to be (wire SNAPSHOT). With neither track nor
 * has_base it is read in full and leaves tracking as it was. */
struct snapshot_request {
    bool track;          /* track written pages from now on, for the next snapshot (dirty.h) */
    bool has_base;       /* the page store holds this session's snapshot at base_event: pages */
    uint64_t base_event; /* untouched since then may be sent as "the base's" (IMAGE_CHUNK_AS_BASE) */
};

/* Appends the snapshot of the replay's current state to out: only between two events at a syscall
 * stop (where save points are made). *based tells whether the body refers to the base's pages
 * (then only the page store can complete it). 0, or -1 with err. */
int snapshot_encode(struct replay *r, const struct snapshot_request *req, struct buf *out,
                    bool *based, char *err, size_t errlen);

/* The event a snapshot body stands before (0 if the body is too short to tell). */
uint64_t snapshot_event(const uint8_t *body, size_t len);

/* Opens the recording at trace_dir as it stood in the snapshot `body`: a fresh process holds that
 * state, and the replay goes on from the snapshot's event (stop: RSTOP_EVENT there). NULL on
 * failure (stop->reason RSTOP_ERROR with the message: a damaged or newer-format snapshot, say). */
struct replay *replay_open_snapshot(const char *trace_dir, const uint8_t *body, size_t len,
                                    replay_output_fn out, void *ctx, struct replay_stop *stop);

/* Makes the session go on from the snapshot `body` (of the same recording): a fresh process holds
 * its state and replaces the replayed process; save points, breakpoints and data breakpoints stay.
 * 0 with stop at the snapshot's event, or -1 with stop->message (the session is unchanged). */
int replay_restore_snapshot(struct replay *r, const uint8_t *body, size_t len,
                            struct replay_stop *stop);

#endif
