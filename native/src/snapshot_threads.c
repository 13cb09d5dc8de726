/*
 * snapshot_threads.c: see snapshot_threads.h. The section's layout (all little-endian):
 *   u32 count (the replay's threads; 0: none named yet), and when count >= 1: u32 running (the
 *   index of the thread that runs), u32 main (the recording's first thread: the husk's own), then
 *   count x (u32 recorded tid, u8 entered, u8 has_state, state when has_state). Every thread has
 *   its state when count > 1 (a single thread's is the body's header and image).
 *   state: u32 place, u32 entry_emulated, regs (struct user_regs_struct, 27 x u64), u32
 *   xstate_is_fpregs, u32 xstate_len, xstate, u64 sigmask, clear_child_tid, robust_head,
 *   robust_len, rseq_addr, rseq_len, rseq_sig, altstack_sp, u32 altstack_flags, u64 altstack_size,
 *   u32 tsc_mode, 16 bytes name, u32 affinity_len, affinity.
 */
#include "snapshot_threads.h"

#include "replay_internal.h"
#include "thread_fork.h"
#include "tracee.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRATCH_LEN 256
#define MAX_THREADS 4096

static void put_state(struct buf *b, const struct thread_fork_state *st)
{
    buf_u32(b, (uint32_t)st->place);
    buf_u32(b, (uint32_t)st->entry_emulated);
    buf_put(b, &st->regs, sizeof st->regs);
    buf_u32(b, (uint32_t)st->xstate_is_fpregs);
    buf_u32(b, (uint32_t)st->xstate_len);
    buf_put(b, st->xstate, st->xstate_len);
    uint64_t words[10] = {st->sigmask, st->clear_child_tid, st->robust_head, st->robust_len,
                          st->rseq_addr, st->rseq_len, st->rseq_sig, st->altstack.sp, 0, 0};
    for (int i = 0; i < 8; i++)
        buf_u64(b, words[i]);
    buf_u32(b, (uint32_t)st->altstack.flags);
    buf_u64(b, st->altstack.size);
    buf_u32(b, (uint32_t)st->tsc_mode);
    buf_put(b, st->name, sizeof st->name);
    buf_u32(b, (uint32_t)st->affinity_len);
    buf_put(b, st->affinity, st->affinity_len);
}

/* Reads one state (xstate malloc'd). 0, or -1 (damaged: nothing left allocated). */
static int get_state(struct cursor *c, struct thread_fork_state *st)
{
    memset(st, 0, sizeof *st);
    uint32_t place = cur_u32(c);
    st->entry_emulated = cur_u32(c) != 0;
    const uint8_t *regs = cur_bytes(c, sizeof st->regs);
    st->xstate_is_fpregs = cur_u32(c) != 0;
    uint32_t xlen = cur_u32(c);
    const uint8_t *x = xlen <= THREAD_XSTATE_MAX ? cur_bytes(c, xlen) : NULL;
    if (c->bad || !regs || !x || place > PLACE_USER)
        return -1;
    st->place = (enum thread_place)place;
    memcpy(&st->regs, regs, sizeof st->regs);
    st->xstate_len = xlen;
    uint64_t *w[8] = {&st->sigmask, &st->clear_child_tid, &st->robust_head, &st->robust_len,
                      &st->rseq_addr, &st->rseq_len, &st->rseq_sig, &st->altstack.sp};
    for (int i = 0; i < 8; i++)
        *w[i] = cur_u64(c);
    st->altstack.flags = (int)cur_u32(c);
    st->altstack.size = cur_u64(c);
    st->tsc_mode = (int)cur_u32(c);
    const uint8_t *name = cur_bytes(c, sizeof st->name);
    uint32_t alen = cur_u32(c);
    const uint8_t *aff = alen <= sizeof st->affinity ? cur_bytes(c, alen) : NULL;
    bool fp_len_bad = st->xstate_is_fpregs && xlen != sizeof(struct user_fpregs_struct);
    if (c->bad || !name || !aff || fp_len_bad)
        return -1;
    memcpy(st->name, name, sizeof st->name);
    st->name[sizeof st->name - 1] = 0;
    memcpy(st->affinity, aff, alen);
    st->affinity_len = alen;
    st->xstate = xmalloc(xlen + 1);
    memcpy(st->xstate, x, xlen);
    return 0;
}

int snapshot_threads_encode(struct replay *r, struct buf *out, char *err, size_t errlen)
{
    const struct replay_threads *th = &r->th;
    struct buf sec = {0};
    buf_u32(&sec, (uint32_t)th->n);
    int running = -1, main = -1, rc = 0;
    pid_t *tids = xmalloc(sizeof *tids * (size_t)(th->n + 1));
    for (int i = 0; i < th->n; i++) {
        tids[i] = th->v[i].live;
        if (tids[i] == r->t.pid)
            running = i;
        if (tids[i] == th->main_live)
            main = i;
    }
    struct thread_fork_state *st = calloc((size_t)th->n + 1, sizeof *st);
    if (!st)
        fatal("out of memory");
    if (th->n >= 1 && (running < 0 || main < 0)) {
        snprintf(err, errlen, "no snapshot: the running thread %d or the main thread %d is not one "
                              "of the replay's", r->t.pid, th->main_live);
        rc = -1;
    } else if (th->n > 1 &&
               thread_states_read(tids, th->n, running, THREAD_FORK_SYSEMU, st, err, errlen) < 0) {
        rc = -1;
    } else if (th->n >= 1) {
        buf_u32(&sec, (uint32_t)running);
        buf_u32(&sec, (uint32_t)main);
        for (int i = 0; i < th->n; i++) {
            buf_u32(&sec, th->v[i].recorded);
            buf_u8(&sec, th->v[i].entered);
            buf_u8(&sec, th->n > 1);
            if (th->n > 1)
                put_state(&sec, &st[i]);
        }
        for (int i = 0; th->n > 1 && i < th->n; i++)
            thread_state_free(&st[i]);
    }
    if (rc == 0) {
        buf_u32(out, (uint32_t)sec.len);
        buf_put(out, sec.data, sec.len);
    }
    free(st);
    free(tids);
    buf_free(&sec);
    return rc;
}

int snapshot_threads_count(const uint8_t *sec, size_t len)
{
    struct cursor c = {sec, sec + len, false};
    uint32_t n = cur_u32(&c);
    return c.bad ? 0 : (int)n;
}

/* The section's table and states (count > 1: every thread has one). 0, or -1 (damaged). */
struct section {
    uint32_t count, running, main;
    struct replay_thread *v;
    struct thread_fork_state *st;
};

static void section_free(struct section *s)
{
    for (uint32_t i = 0; s->st && i < s->count; i++)
        thread_state_free(&s->st[i]);
    free(s->st);
    free(s->v);
}

static int parse(const uint8_t *sec, size_t len, struct section *s)
{
    struct cursor c = {sec, sec + len, false};
    memset(s, 0, sizeof *s);
    s->count = cur_u32(&c);
    if (c.bad || s->count > MAX_THREADS)
        return -1;
    if (s->count == 0)
        return c.p == c.end ? 0 : -1;
    s->running = cur_u32(&c);
    s->main = cur_u32(&c);
    if (c.bad || s->running >= s->count || s->main >= s->count)
        return -1;
    s->v = calloc(s->count, sizeof *s->v);
    s->st = calloc(s->count, sizeof *s->st);
    if (!s->v || !s->st)
        fatal("out of memory");
    for (uint32_t i = 0; i < s->count; i++) {
        s->v[i].recorded = cur_u32(&c);
        s->v[i].entered = cur_u8(&c) != 0;
        bool has_state = cur_u8(&c) != 0;
        if (c.bad || has_state != (s->count > 1) || (has_state && get_state(&c, &s->st[i]) < 0)) {
            s->count = i; /* (the states read so far are freed) */
            return -1;
        }
    }
    return c.p == c.end ? 0 : -1;
}

/* Makes every thread of s but the main one in the husk and gives each thread its state. live[i]
 * is filled as they are made. 0, or -1 with err. */
static int make_threads(struct replay *r, const struct section *s, pid_t *live, uint64_t inj,
                        uint64_t scratch, char *err, size_t errlen)
{
    live[s->main] = r->t.pid;
    for (uint32_t i = 0; i < s->count; i++) {
        if (i == s->main)
            continue;
        live[i] = thread_clone_into(r->t.pid, r->t.mem_fd, &s->st[i], inj, err, errlen);
        if (live[i] < 0)
            return -1;
    }
    for (uint32_t i = 0; i < s->count; i++)
        if (thread_state_apply(live[i], &s->st[i], inj, scratch, 0, err, errlen) < 0)
            return -1;
    return 0;
}

int snapshot_threads_restore(struct replay *r, const uint8_t *sec, size_t len, char *err,
                             size_t errlen)
{
    struct section s;
    if (parse(sec, len, &s) < 0) {
        section_free(&s);
        snprintf(err, errlen, "the snapshot is damaged (threads)");
        return -1;
    }
    memset(&r->th, 0, sizeof r->th); /* (the caller keeps the table it had) */
    if (s.count == 0)
        return 0;
    pid_t husk = r->t.pid;
    int rc = 0;
    pid_t *live = calloc(s.count, sizeof *live);
    if (!live)
        fatal("out of memory");
    if (s.count > 1) {
        tracee_get_regs(&r->t);
        uint64_t inj = r->t.regs.rip - 2, scratch = tracee_scratch(&r->t);
        uint8_t saved[SCRATCH_LEN];
        if (tracee_read(&r->t, scratch, saved, sizeof saved) < 0) {
            snprintf(err, errlen, "cannot reach the restored stack");
            rc = -1;
        } else {
            rc = make_threads(r, &s, live, inj, scratch, err, errlen);
            tracee_write(&r->t, scratch, saved, sizeof saved);
        }
    }
    /* the table, also after a failure (the caller kills every thread made through it) */
    r->th.v = s.v;
    s.v = NULL;
    r->th.cap = (int)s.count;
    for (uint32_t i = 0; i < s.count; i++) {
        struct replay_thread t = r->th.v[i];
        t.live = s.count == 1 ? husk : live[i];
        if (t.live > 0) /* (after a failure, only those made) */
            r->th.v[r->th.n++] = t;
    }
    r->th.main_live = r->th.group_live = husk;
    if (rc == 0) {
        r->t.pid = s.count == 1 ? husk : live[s.running];
        tracee_get_regs(&r->t);
    }
    free(live);
    section_free(&s);
    return rc;
}
