/*
 * session_search.c: FIND_LAST, the backward-search motion (DESIGN.md, "Motions", "Going
 * backwards"). From where the session stands (an event boundary: the Java side restores a save
 * point or runs to a boundary first, so every hit count is canonical) the replay runs to the
 * target position with the request's addresses armed; at each arrival the agent applies the
 * address's CFA rule itself and remembers the last arrival that passed. One reply, LAST_ARRIVAL,
 * with that arrival, the counts, and the stop at the target (or where the replay ended or went
 * past the target's event without meeting it: the Java side tells a missed target by the stop). The session's breakpoint set is the
 * request's addresses (and the target's pc) afterwards.
 *
 * Invariant: every arrival before the target is judged exactly once, in the order it happens;
 * the target itself is not judged (the search is for moments strictly before it).
 */
#include "session_internal.h"
#include "wire.h"
#include "wire_search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct search_run {
    const struct find_last *req;
    struct last_arrival found;
    struct replay_stop stop;
};

/* Whether an arrival at pc in the frame whose CFA is `cfa` passes a rule of the request. */
static bool qualifies(const struct find_last *req, uint64_t pc, uint64_t cfa)
{
    for (uint32_t i = 0; i < req->naddrs; i++) {
        const struct search_addr *a = &req->addrs[i];
        if (a->addr != pc)
            continue;
        if (a->rule == SEARCH_ANY_FRAME || (a->rule == SEARCH_CFA_EQUAL && cfa == a->cfa) ||
            (a->rule == SEARCH_CFA_AT_OR_ABOVE && cfa >= a->cfa))
            return true;
    }
    return false;
}

/* Whether an arrival at pc is judged: pc is armed with a rule other than count-only. */
static bool armed(const struct find_last *req, uint64_t pc, bool *needs_cfa)
{
    bool any = false;
    *needs_cfa = false;
    for (uint32_t i = 0; i < req->naddrs; i++)
        if (req->addrs[i].addr == pc && req->addrs[i].rule != SEARCH_COUNT_ONLY) {
            any = true;
            *needs_cfa |= req->addrs[i].rule != SEARCH_ANY_FRAME;
        }
    return any;
}

static bool at_target(const struct find_last *req, const struct replay_stop *st)
{
    switch (st->reason) {
    case RSTOP_EVENT:
        return req->kind == SEARCH_TO_BOUNDARY && st->event == req->event;
    case RSTOP_WATCH:
        return req->kind == SEARCH_TO_BOUNDARY && st->hits == 0 && st->event == req->event;
    case RSTOP_BREAKPOINT:
        return req->kind == SEARCH_TO_PC && st->event == req->event && st->pc == req->pc &&
               st->hits == req->hits;
    case RSTOP_SIGNAL:
        return req->kind == SEARCH_TO_END && st->event == req->event;
    case RSTOP_EXITED:
    case RSTOP_END:
        return true; /* the end: the target itself, or never reached (the caller tells) */
    default:
        return true; /* paused, an error: the motion ends with that stop */
    }
}

static void search(struct session *s, void *ctx)
{
    struct search_run *run = ctx;
    const struct find_last *req = run->req;
    struct replay *r = s->replay;
    bool at_boundary = false; /* the replay has reached the boundary of req->event */
    for (;;) {
        if (req->kind == SEARCH_TO_END || at_boundary)
            replay_resume(r, RUN_CONTINUE, &run->stop);
        else
            replay_run_to_event(r, req->event, &run->stop);
        struct replay_stop *st = &run->stop;
        if (st->reason == RSTOP_EVENT && req->kind == SEARCH_TO_PC && st->event == req->event) {
            at_boundary = true; /* on to the target's pc */
        } else if (at_target(req, st)) {
            return; /* the target, or the end of the replay before it (the reply's stop says which) */
        } else if (st->reason == RSTOP_BREAKPOINT && req->kind != SEARCH_TO_END && st->event > req->event) {
            return; /* past the target without meeting it: the reply's stop says where */
        }
        bool needs_cfa;
        if (st->reason == RSTOP_BREAKPOINT && armed(req, st->pc, &needs_cfa)) {
            uint64_t cfa = needs_cfa ? session_current_cfa(s) : 0;
            run->found.arrivals++;
            if (qualifies(req, st->pc, cfa)) {
                run->found.qualifying++;
                run->found = (struct last_arrival){true, st->pc, st->event, cfa, st->hits,
                                                   run->found.arrivals, run->found.qualifying};
            }
        }
        if (replay_pause_pending(r)) {
            st->reason = RSTOP_PAUSED;
            return;
        }
    }
}

void session_handle_find_last(struct session *s, struct cursor *c)
{
    struct find_last req;
    if (wire_read_find_last(c, &req) < 0) {
        session_send_error(s, ERR_MALFORMED, "malformed FIND_LAST message");
        return;
    }
    uint64_t *arm = xmalloc(sizeof *arm * (req.naddrs + 1));
    for (uint32_t i = 0; i < req.naddrs; i++)
        arm[i] = req.addrs[i].addr;
    uint32_t narm = req.naddrs;
    if (req.kind == SEARCH_TO_PC)
        arm[narm++] = req.pc;
    replay_set_breakpoints(s->replay, arm, (int)narm);
    free(arm);
    struct search_run run = {.req = &req};
    uint16_t stray = session_watch_pause(s, search, &run);
    wire_last_arrival(&s->out, &run.found, &run.stop);
    wire_send(s->fd, &s->out);
    if (stray)
        session_send_error(s, ERR_MALFORMED, "only PAUSE may be sent while the replay runs");
    find_last_free(&req);
}

/* SAVE_AT_HIT: the replay stands just before the arrival it stopped at, and a save point is made
 * there (replay_save_at_hit); SAVED_AT_HIT says which, with the counts, or ERROR when the replay
 * is not at a counted arrival (nothing changed then). */
void session_handle_save_at_hit(struct session *s, struct cursor *c)
{
    if (c->p != c->end) {
        session_send_error(s, ERR_MALFORMED, "malformed SAVE_AT_HIT message");
        return;
    }
    int slot = 0;
    while (slot < MAX_SAVEPOINTS && s->savepoints[slot])
        slot++;
    char err[256];
    struct replay_savepoint *sp = NULL;
    uint64_t event = 0;
    struct replay_stop here = {0};
    replay_report_here(s->replay, &here, RSTOP_BREAKPOINT);
    event = here.event;
    if (slot == MAX_SAVEPOINTS) {
        session_send_error(s, ERR_NOT_AVAILABLE, "too many save points");
        return;
    }
    if (replay_save_at_hit(s->replay, &sp, err, sizeof err) < 0) {
        session_send_error(s, ERR_NOT_AVAILABLE, err);
        return;
    }
    struct saved_at_hit reply = {.event = event, .pc = here.pc};
    if (sp) {
        s->savepoints[slot] = sp;
        reply.savepoint = (uint32_t)slot + 1;
        reply.memory = replay_savepoint_memory(sp);
        int n = 0;
        replay_savepoint_hit(sp, &reply.pc, &reply.counts, &n);
        reply.ncounts = (uint32_t)n;
    }
    wire_saved_at_hit(&s->out, &reply);
    wire_send(s->fd, &s->out);
}
