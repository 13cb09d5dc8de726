/*
 * snapshot.h: snapshots of a replay session (docs/snapshot-format.md): a stopped replayed
 * process's whole state as one body, and a session opened from one in a fresh process.
 */
#ifndef REWIND_SNAPSHOT_H
#define REWIND_SNAPSHOT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

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

#define XSTATE_MAX 8192
#define SIGACTION_SIZE 32 /* struct kernel_sigaction: handler, flags, restorer, mask */

/* What a snapshot holds besides memory: read from the stopped process by ptrace and injected
 * calls. A fork of the process made right then has all of it too (its memory is the copy). */
struct snapshot_state {
    struct snapshot_place at;
    struct user_regs_struct regs;
    struct user_fpregs_struct fpregs;
    uint32_t xstate_len;
    uint8_t xstate[XSTATE_MAX];             /* PTRACE_GETREGSET NT_X86_XSTATE */
    uint8_t actions[64][SIGACTION_SIZE];    /* signals 1..64 */
    stack_t altstack;
    const struct buf *shared;               /* the shared files section, or NULL for none */
    const struct buf *threads;              /* the threads section (snapshot_threads.h), or NULL
                                             * for none named (a count of 0) */
};

/* Reads the state of t, stopped at a syscall stop (standing at `at`). 0, or -1 with err. */
int snapshot_read_state(struct tracee *t, const struct snapshot_place *at,
                        struct snapshot_state *st, char *err, size_t errlen);

/* The snapshot body of state st with the memory (mappings, pages, signal masks) of `memory`: the
 * process st was read from, or a fork of it made right then. Reads only /proc and memory, so it
 * may run on another thread than the tracer's. File mappings as blob() says, pages as dirty says
 * (NULL: all read; see image_encode). 0, or -1 with err. */
int snapshot_encode_state(const struct snapshot_state *st, struct tracee *memory,
                          struct dirty_tracker *dirty, image_blob_fn blob, void *ctx,
                          struct buf *out, char *err, size_t errlen);

/* Both of the above on the stopped process t, with the shared files section `shared` (NULL:
 * none) and the threads section `threads` (NULL: none named). For the recorder, which snapshots the recorded process itself, and for replay sessions.
 * 0, or -1 with err. */
int snapshot_encode_process(struct tracee *t, const struct snapshot_place *at,
                            const struct buf *shared, const struct buf *threads,
                            struct dirty_tracker *dirty, image_blob_fn blob, void *ctx,
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
