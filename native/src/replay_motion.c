/*
 * replay_motion.c: the motion engine (replay_motion.h). A motion single-steps the replay (through
 * the event loop of replay.c, so syscalls, signals and divergences are replayed exactly as RESUME
 * does) and judges every instruction; a call it does not enter, and a frame it must leave, run
 * freely to a temporary breakpoint at their return address instead.
 *
 * The rule for a line step is gdb's: the motion keeps a step range (the line-table row it is in)
 * and a line; outside the range, at the start of an is_stmt row of another line it stops; in the
 * middle of a row (a call returned mid-line, a jump) it takes that row as the new range and goes
 * on, so a line is reported once per statement. Frames are told apart by the CFA of the frame the
 * motion started in (sp reaches it when that frame has returned), so recursion is handled; inlined
 * calls by the chain of inlined-subroutine DIEs around the pc (symtab_inline_context).
 *
 * A multithreaded replay moves one thread at a time, switching at the recorded events; a motion
 * belongs to the thread it started in (`thread`). While another thread runs (after a switch at a
 * syscall or a preemption point), the motion waits event by event until its thread runs again,
 * then judges where that thread stands; runs to a temporary breakpoint count only its own
 * thread's arrivals. A user breakpoint another thread hits on the way stops the motion live.
 *
 * Invariants: `running` means a temporary breakpoint is at `target` and only an arrival with
 * sp >= min_sp counts; temporary breakpoints exist only while a motion runs or is live.
 */
#include "replay_motion.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay_internal.h"
#include "util.h"

#define MOTION_MAX_INLINE 32
#define MAX_INSN 15             /* longest x86-64 instruction: a call's return address is that close */
#define MAX_PROLOGUE 256        /* how far past its entry a function's body (first line) may be */
#define MAX_UNWIND 16

#define PLACE_CACHE 512         /* pcs whose function and inlined calls are remembered */

enum verdict { GO, DONE };

/* What the symbols say about one pc: looked up once per motion (loops run the same pcs again). */
struct place {
    uint64_t pc;                    /* 0: empty */
    uint64_t entry;                 /* the function's entry (0: unknown) */
    int n;                          /* inlined calls around pc, outermost first */
    uint64_t ctx[MOTION_MAX_INLINE];
};

struct motion {
    motion_symbols_fn syms;
    void *sctx;
    enum motion_kind kind;
    pid_t thread;                   /* the live tid of the thread the motion steps */
    bool live;                      /* stopped at a user breakpoint or a boundary: may go on */
    bool ends_here;                 /* ... at a user breakpoint where the rule stops too */
    uint64_t cfa;                   /* the start frame's CFA (UINT64_MAX: unknown) */
    uint64_t func_entry;            /* the function the start frame runs (0: unknown) */
    uint64_t ctx[MOTION_MAX_INLINE];/* inlined calls the motion stays in, outermost first */
    int nctx;
    uint64_t lo, hi;                /* the step range: a line-table row */
    int line;
    char *file;                     /* the step range's file (a copy: tables may be rebuilt) */
    bool running;                   /* a run to `target` instead of single steps */
    uint64_t target, min_sp;
    bool stop_on_arrival;           /* the motion ends at the arrival (else it judges it) */
    uint64_t prev_pc, prev_sp;      /* before the last single step */
    int hidden;                     /* inline levels the stop is shown outside of (call site) */
    uint64_t steps;
    const struct symtab *places_of; /* the table (and maps generation) the cache is about */
    uint64_t places_generation;
    struct place places[PLACE_CACHE];
};

struct motion *motion_new(motion_symbols_fn syms, void *ctx)
{
    struct motion *m = xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    m->syms = syms;
    m->sctx = ctx;
    return m;
}

void motion_free(struct motion *m)
{
    if (m)
        free(m->file);
    free(m);
}

bool motion_live(const struct motion *m) { return m->live; }

int motion_hidden_inline(const struct motion *m) { return m ? m->hidden : 0; }

void motion_forget(struct motion *m, struct replay *r)
{
    if (m->live || m->running)
        replay_drop_temporaries(r);
    m->live = false;
    m->running = false;
    m->hidden = 0;
}

static int read_mem(void *ctx, uint64_t addr, void *out, size_t n)
{
    return replay_read_mem(ctx, addr, out, n) == 0 ? 0 : -1;
}

static void frame_of(struct replay *r, struct sym_frame *f)
{
    const struct user_regs_struct *g = &r->t.regs;
    memset(f, 0, sizeof *f);
    const uint64_t v[SYM_NREGS] = {g->rax, g->rdx, g->rcx, g->rbx, g->rsi, g->rdi, g->rbp, g->rsp, g->r8,
                                   g->r9,  g->r10, g->r11, g->r12, g->r13, g->r14, g->r15, g->rip};
    memcpy(f->regs, v, sizeof v);
    f->valid = (1u << SYM_NREGS) - 1;
}

static void set_line(struct motion *m, const struct sym_row *row)
{
    m->lo = row->addr;
    m->hi = row->end;
    m->line = row->line;
    if (!m->file || !row->file || strcmp(m->file, row->file) != 0) {
        free(m->file);
        m->file = xstrdup(row->file ? row->file : "");
    }
}

static void run_to(struct motion *m, uint64_t target, uint64_t min_sp, bool stop_on_arrival)
{
    m->running = true;
    m->target = target;
    m->min_sp = min_sp;
    m->stop_on_arrival = stop_on_arrival;
}

static uint64_t function_entry(struct symtab *st, uint64_t pc)
{
    struct sym_function f;
    return symtab_function_at(st, pc, &f) == 0 ? f.entry : 0;
}

static const struct place *place_at(struct motion *m, struct replay *r, struct symtab *st, uint64_t pc)
{
    if (m->places_of != st || m->places_generation != replay_maps_generation(r)) {
        memset(m->places, 0, sizeof m->places);
        m->places_of = st;
        m->places_generation = replay_maps_generation(r);
    }
    struct place *p = &m->places[(pc ^ (pc >> 9)) % PLACE_CACHE];
    if (p->pc != pc || !pc) {
        p->pc = pc;
        p->entry = function_entry(st, pc);
        p->n = symtab_inline_context(st, pc, p->ctx, MOTION_MAX_INLINE);
    }
    return p;
}

/* The return address when the instruction just stepped was a call: sp dropped by 8 and [sp] is
 * just past the previous pc (a push, or a call to the next instruction, is not one). */
static bool entered_call(struct motion *m, struct replay *r, uint64_t *ret)
{
    uint64_t sp = r->t.regs.rsp;
    if (sp != m->prev_sp - 8 || replay_read_mem(r, sp, ret, 8) != 0)
        return false;
    return *ret - m->prev_pc > 0 && *ret - m->prev_pc <= MAX_INSN && *ret != r->t.regs.rip;
}

/* Just entered a call whose return address is ret: into it (step in, with line information) to
 * its first line, else over it. */
static enum verdict on_call(struct motion *m, struct replay *r, uint64_t ret)
{
    uint64_t pc = r->t.regs.rip;
    if (m->kind == MOTION_STEP_IN) {
        struct symtab *st = m->syms(m->sctx);
        struct sym_function f;
        struct sym_row row;
        if (symtab_function_at(st, pc, &f) == 0 && f.has_debug_info &&
            symtab_line_row(st, pc, &row) == 0 && row.line > 0) {
            if (f.body > pc && f.body - pc < MAX_PROLOGUE) {
                run_to(m, f.body, 0, true);
                return GO;
            }
            return DONE;
        }
    }
    run_to(m, ret, r->t.regs.rsp + 8, m->kind == MOTION_NEXT_INSN);
    return GO;
}

/* In code of another function that was not called from the start frame (a signal handler, a tail
 * call): run on to where the start frame (or, once it is gone, its caller) continues. */
static enum verdict on_foreign(struct motion *m, struct replay *r)
{
    struct symtab *st = m->syms(m->sctx);
    struct sym_frame f[2];
    frame_of(r, &f[0]);
    for (int i = 0; i < MAX_UNWIND; i++) {
        struct sym_frame *cur = &f[i & 1], *up = &f[(i + 1) & 1];
        if (symtab_unwind(st, cur, up, read_mem, r) != 0 || up->regs[16] == 0)
            return GO; /* unknown: single steps go on, within the budget */
        uint64_t pc = up->regs[16], sp = up->regs[7];
        bool retaddr = (up->valid & SYM_FRAME_RETADDR) != 0;
        if (sp >= m->cfa) {
            run_to(m, pc, sp, true); /* the start frame is gone: stop in its caller */
            return GO;
        }
        if (function_entry(st, retaddr ? pc - 1 : pc) == m->func_entry) {
            run_to(m, pc, sp, false);
            return GO;
        }
    }
    return GO;
}

static int common_prefix(const uint64_t *a, int na, const uint64_t *b, int nb)
{
    int n = 0;
    while (n < na && n < nb && a[n] == b[n])
        n++;
    return n;
}

/* Takes row as the step range; its line too when `line` (else the line stays). */
static void set_range(struct motion *m, const struct sym_row *row, bool line)
{
    int keep = m->line;
    set_line(m, row);
    if (!line)
        m->line = keep;
}

/* gdb's line rule in the step's own frame and inline level: outside the step range, the start of
 * an is_stmt row of another line ends the step; a row of another line that is no statement start
 * moves the range but keeps the line; the middle of a row (a return mid-line, a jump) or the same
 * line again takes that row and its line. */
static enum verdict line_rule(struct motion *m, struct symtab *st, uint64_t pc)
{
    if (pc >= m->lo && pc < m->hi)
        return GO;
    struct sym_row row;
    if (symtab_line_row(st, pc, &row) < 0 || row.line == 0)
        return DONE; /* code without line information */
    bool other = row.line != m->line || strcmp(row.file ? row.file : "", m->file ? m->file : "") != 0;
    if (pc == row.addr && other && row.is_stmt)
        return DONE; /* the start of another line */
    set_range(m, &row, !(pc == row.addr && other));
    return GO;
}

/* In a new frame or inline level after leaving the step's own (gdb: "stepped to a different
 * frame"): a statement start stops; the middle of a row takes that row and its line and steps on
 * (a line is reported once per statement); the start of a row that is no statement start steps on
 * with no line, so that the next statement start stops. */
static enum verdict new_frame(struct motion *m, struct symtab *st, uint64_t pc)
{
    struct sym_row row;
    if (symtab_line_row(st, pc, &row) < 0 || row.line == 0)
        return DONE;
    if (pc == row.addr && row.is_stmt)
        return DONE;
    set_range(m, &row, true);
    if (pc == row.addr)
        m->line = 0;
    return GO;
}

/* The step's own frame returned (sp reached its CFA): a line step goes on in the caller (gdb's
 * rule, with the caller as the step's frame); a step out or an instruction step ends here. */
static enum verdict returned(struct motion *m, struct replay *r)
{
    if (m->kind == MOTION_STEP_OUT || m->kind == MOTION_NEXT_INSN)
        return DONE;
    struct symtab *st = m->syms(m->sctx);
    uint64_t pc = r->t.regs.rip;
    struct sym_frame f, caller;
    frame_of(r, &f);
    m->cfa = symtab_unwind(st, &f, &caller, read_mem, r) >= 0 && f.cfa ? f.cfa : UINT64_MAX;
    m->func_entry = function_entry(st, pc);
    m->nctx = symtab_inline_context(st, pc, m->ctx, MOTION_MAX_INLINE);
    return new_frame(m, st, pc);
}

static bool same_file(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The call site (line, file) of the inlined call at level `level` (outermost first) of n at pc. */
static bool call_site(struct symtab *st, uint64_t pc, int n, int level, struct src_loc *out)
{
    struct sym_inline inl[MOTION_MAX_INLINE];
    int k = symtab_inlined_at(st, pc, inl, MOTION_MAX_INLINE);
    if (k != n || level < 0 || level >= n)
        return false;
    *out = inl[n - 1 - level].call_site;
    return out->line > 0;
}

/* pc is in inlined calls made from the step's level (levels common..n-1): where pc enters them
 * all and their call is on another line than the step's, the step stops at the call site (gdb),
 * shown in the caller with those calls hidden; otherwise step in stops inside, next steps on. */
static enum verdict inline_call(struct motion *m, struct symtab *st, uint64_t pc, int n, int common)
{
    struct src_loc call;
    if (symtab_inline_entries(st, pc) >= n - common && call_site(st, pc, n, common, &call) &&
        (call.line != m->line || !same_file(call.file, m->file))) {
        m->hidden = n - common;
        return DONE;
    }
    return m->kind == MOTION_STEP_IN ? DONE : GO;
}

/* After one instruction (or an arrival the motion goes on from): stop here or go on. */
static enum verdict judge(struct motion *m, struct replay *r, bool stepped)
{
    uint64_t pc = r->t.regs.rip, ret;
    if (stepped && entered_call(m, r, &ret))
        return on_call(m, r, ret);
    if (r->t.regs.rsp >= m->cfa)
        return returned(m, r);
    if (m->kind == MOTION_NEXT_INSN)
        return DONE;
    struct symtab *st = m->syms(m->sctx);
    const struct place *here = place_at(m, r, st, pc);
    if (m->func_entry && here->entry != m->func_entry)
        return on_foreign(m, r);
    int n = here->n;
    int common = common_prefix(here->ctx, n, m->ctx, m->nctx);
    if (m->kind == MOTION_STEP_OUT) {
        if (common >= m->nctx)
            return GO;
        /* out of the inlined call: on as a next in the caller from no line (gdb's finish), so
         * the stop is a statement start or an inlined call's site there */
        m->kind = MOTION_NEXT;
        m->lo = m->hi = 0;
        m->line = 0;
        m->nctx = common;
    }
    if (n > common)
        return inline_call(m, st, pc, n, common);
    if (common < m->nctx) {
        m->nctx = common; /* out of the inlined call the step was in: its caller is the step's now */
        return new_frame(m, st, pc);
    }
    return line_rule(m, st, pc);
}

/* At a stop shown at an inlined call's site (m->hidden levels hidden), the step starts from the
 * level shown: the caller, on the call's line (gdb). */
static void shown_level(struct motion *m, struct symtab *st, uint64_t pc)
{
    int shown = m->nctx - m->hidden;
    struct src_loc call;
    if (m->hidden > 0 && shown >= 0 && call_site(st, pc, m->nctx, shown, &call)) {
        m->line = call.line;
        free(m->file);
        m->file = xstrdup(call.file ? call.file : "");
        m->nctx = shown;
    }
    m->hidden = 0;
}

/* Sets the motion up at the current stop. */
static void prepare(struct motion *m, struct replay *r, enum motion_kind kind)
{
    struct symtab *st = m->syms(m->sctx);
    uint64_t pc = r->t.regs.rip;
    m->kind = kind;
    m->thread = r->t.pid;
    m->steps = 0;
    m->running = false;
    m->cfa = UINT64_MAX;
    m->func_entry = function_entry(st, pc);
    m->nctx = symtab_inline_context(st, pc, m->ctx, MOTION_MAX_INLINE);
    struct sym_frame f, caller;
    frame_of(r, &f);
    int up = symtab_unwind(st, &f, &caller, read_mem, r);
    if (kind == MOTION_NEXT_INSN)
        return;
    if (up >= 0 && f.cfa)
        m->cfa = f.cfa;
    struct sym_row row;
    struct sym_function fn;
    bool lines = symtab_line_row(st, pc, &row) == 0 && row.line > 0 &&
                 symtab_function_at(st, pc, &fn) == 0 && fn.has_debug_info;
    if (lines) {
        set_line(m, &row);
        shown_level(m, st, pc);
    } else if (kind != MOTION_STEP_OUT) {
        m->kind = kind = MOTION_STEP_OUT; /* no line here (a library): finish the function, as gdb */
        m->nctx = 0;
    }
    if (kind == MOTION_STEP_OUT && m->nctx == 0) {
        if (up == 0 && caller.regs[16] && m->cfa != UINT64_MAX)
            run_to(m, caller.regs[16], m->cfa, true);
        else
            run_to(m, 0, 0, true); /* the outermost frame: run on, as a continue would */
    }
}

/* Reports the motion's end with reason `reason` (the stop's own fields otherwise). */
static void finish(struct motion *m, struct replay *r, struct replay_stop *stop, int reason)
{
    m->live = false;
    m->running = false;
    replay_drop_temporaries(r);
    replay_motion_end(r);
    stop->reason = reason;
}

/* Stops at a user breakpoint met on the way, counting the arrival as its hit; the motion stays live. */
static void at_user_breakpoint(struct motion *m, struct replay *r, struct breakpoint *bp,
                               bool counted, bool ends_here, struct replay_stop *stop)
{
    m->live = true;
    m->hidden = 0; /* a breakpoint's stop shows the inlined call it is in (gdb) */
    m->ends_here = ends_here;
    stop->reason = RSTOP_BREAKPOINT;
    stop->breakpoint = bp->addr;
    stop->hits = counted ? stop->hits : ++bp->hits;
    replay_motion_end(r);
}

/* A run to the temporary breakpoint at m->target. 1 with the stop to report, 0 to go on. Only
 * these runs stop at the save event (single steps do not: a save point is made at a syscall stop
 * a continue reached, as after RUN_TO_EVENT). */
static int run_piece(struct motion *m, struct replay *r, uint64_t save_event, struct replay_stop *stop)
{
    if (m->target)
        replay_add_temporary(r, m->target);
    replay_motion_run(r, save_event ? RUN_TO_EVENT : RUN_CONTINUE, save_event, stop);
    if (stop->reason == RSTOP_EVENT) {
        m->live = true;
        replay_motion_end(r);
        return 1;
    }
    if (stop->reason != RSTOP_BREAKPOINT) {
        finish(m, r, stop, stop->reason);
        return 1;
    }
    struct breakpoint *user = replay_user_breakpoint_at(r, stop->pc);
    bool arrived = stop->pc == m->target && r->t.pid == m->thread && r->t.regs.rsp >= m->min_sp;
    if (!arrived) {
        if (!user)
            return 0; /* the return address, reached by a deeper (recursive) frame */
        at_user_breakpoint(m, r, user, true, false, stop);
        return 1;
    }
    m->running = false;
    replay_drop_temporaries(r);
    m->prev_pc = stop->pc;
    m->prev_sp = r->t.regs.rsp;
    bool done = m->stop_on_arrival || judge(m, r, false) == DONE;
    if (user) {
        at_user_breakpoint(m, r, user, true, done, stop);
        return 1;
    }
    if (done) {
        finish(m, r, stop, RSTOP_STEP);
        return 1;
    }
    return 0;
}

/*
 * Another thread moves now: the replay goes on an event at a time until the motion's thread moves
 * again (standing where the switch left it). 1 with the stop to report (a user breakpoint on the
 * way, the save event, the end; or the thread ended), 0 when the motion's thread moves again.
 */
static int await_thread(struct motion *m, struct replay *r, uint64_t save_event, struct replay_stop *stop)
{
    while (r->t.pid != m->thread) {
        if (!r->alive || !replay_thread_exists(r, m->thread)) {
            finish(m, r, stop, r->alive ? RSTOP_STEP : stop->reason);
            if (r->alive)
                snprintf(stop->message, sizeof stop->message,
                         "the thread the step was in ended; stopped in the thread that runs now");
            return 1;
        }
        uint64_t next = stop->event + 1;
        bool at_save = save_event > stop->event && save_event <= next;
        replay_motion_run(r, RUN_TO_EVENT, at_save ? save_event : next, stop);
        if (stop->reason == RSTOP_EVENT && at_save && stop->event >= save_event) {
            m->live = true;
            replay_motion_end(r);
            return 1;
        }
        if (stop->reason == RSTOP_EVENT)
            continue;
        struct breakpoint *user = stop->reason == RSTOP_BREAKPOINT ? replay_user_breakpoint_at(r, stop->pc) : NULL;
        if (user)
            at_user_breakpoint(m, r, user, true, false, stop);
        else
            finish(m, r, stop, stop->reason);
        return 1;
    }
    return 0;
}

/* Single steps and runs until the motion ends or stops live. */
static void motion_loop(struct motion *m, struct replay *r, uint64_t save_event, struct replay_stop *stop)
{
    for (;;) {
        if (m->running) {
            if (run_piece(m, r, save_event, stop))
                return;
            continue;
        }
        if (r->t.pid != m->thread) {
            if (await_thread(m, r, save_event, stop))
                return;
            tracee_get_regs(&r->t);
            if (judge(m, r, false) == DONE) {
                finish(m, r, stop, RSTOP_STEP);
                replay_report_here(r, stop, RSTOP_STEP);
                return;
            }
            continue;
        }
        if (m->steps++ >= MOTION_STEP_BUDGET) {
            finish(m, r, stop, RSTOP_STEP);
            snprintf(stop->message, sizeof stop->message,
                     "the step gave up after %u instructions without reaching its end", MOTION_STEP_BUDGET);
            return;
        }
        m->prev_pc = r->t.regs.rip;
        m->prev_sp = r->t.regs.rsp;
        replay_motion_run(r, RUN_STEP_INSN, 0, stop);
        if (stop->reason != RSTOP_STEP) {
            finish(m, r, stop, stop->reason);
            return;
        }
        if (r->t.pid != m->thread)
            continue; /* a switch: the motion's thread did not move past the switch's event */
        bool done = judge(m, r, true) == DONE;
        struct breakpoint *user = replay_user_breakpoint_at(r, stop->pc);
        if (user) {
            at_user_breakpoint(m, r, user, false, done, stop);
            return;
        }
        if (done) {
            finish(m, r, stop, RSTOP_STEP);
            return;
        }
    }
}

void motion_start(struct motion *m, struct replay *r, enum motion_kind kind, uint64_t save_event,
                  struct replay_stop *stop)
{
    int hidden = m->hidden;
    motion_forget(m, r);
    memset(stop, 0, sizeof *stop);
    replay_motion_begin(r);
    if (hidden > 0 && kind == MOTION_STEP_IN && r->alive) {
        m->hidden = hidden - 1; /* into the inlined call shown at its site: no instruction runs */
        replay_report_here(r, stop, RSTOP_STEP);
        return;
    }
    m->hidden = hidden;
    struct user_regs_struct regs;
    if (!replay_get_regs(r, &regs)) {
        replay_resume(r, RUN_STEP_INSN, stop); /* nothing to step: the end, as RESUME reports it */
        return;
    }
    prepare(m, r, kind);
    motion_loop(m, r, save_event, stop);
}

int motion_go_on(struct motion *m, struct replay *r, uint64_t save_event, struct replay_stop *stop)
{
    if (!m->live)
        return -1;
    m->live = false;
    memset(stop, 0, sizeof *stop);
    replay_motion_begin(r);
    if (m->ends_here) {
        m->ends_here = false;
        replay_report_here(r, stop, RSTOP_STEP); /* declined as a breakpoint, the step's end still */
        return 0;
    }
    motion_loop(m, r, save_event, stop);
    return 0;
}
