/*
 * replay.c: the replay session: the event loop that walks the recording one event at a time,
 * single instructions, signal delivery, and the stops it reports. Breakpoints (int3 bytes, hidden
 * from memory reads) live in replay_breakpoints.c, data breakpoints in replay_watch.c, how a single
 * syscall is reproduced in replay_syscalls.c, the husk and exec images in replay_start.c.
 *
 * Invariant between calls: the tracee is in a ptrace stop; r->ev (when have_ev) is the next event
 * to replay and the tracee has not yet reached it, except that a fault already reported
 * (ev_begun on a synchronous SIGNAL) is delivered at the next resume.
 */
#include "replay_internal.h"
#include "signal_point.h"
#include "trace_check.h"
#include "syscall_table.h"
#include "trace_writer.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define EFLAGS_TRAP 0x100u

int64_t replay_inject(struct replay *r, long nr, uint64_t a0, uint64_t a1, uint64_t a2,
                      uint64_t a3, uint64_t a4, uint64_t a5)
{
    uint64_t args[6] = {a0, a1, a2, a3, a4, a5};
    return tracee_inject_syscall(&r->t, r->t.regs.rip - 2, nr, args, 0, NULL);
}

bool replay_get_regs(struct replay *r, struct user_regs_struct *regs)
{
    if (!r->alive)
        return false;
    tracee_get_regs(&r->t);
    *regs = r->t.regs;
    return true;
}

bool replay_get_fpregs(struct replay *r, struct user_fpregs_struct *fp)
{
    return r->alive && ptrace(PTRACE_GETFPREGS, r->t.pid, 0, fp) == 0;
}

int replay_thread_count(struct replay *r) { return r->threads; }

pid_t replay_pid(struct replay *r) { return r->alive ? r->t.pid : 0; }

const char *replay_trace_dir(struct replay *r) { return r->trace_dir; }

uint64_t replay_maps_generation(struct replay *r) { return r->maps_generation; }

void replay_note_name(struct replay *r, const uint8_t hash[TRACE_HASH_SIZE], const char *name,
                      size_t len)
{
    char hex[65];
    hash_hex(hash, hex);
    for (struct module_name *m = r->names; m; m = m->next)
        if (!strcmp(m->hash, hex))
            return;
    struct module_name *m = xmalloc(sizeof *m);
    memcpy(m->hash, hex, sizeof hex);
    m->name = xmalloc(len + 1);
    memcpy(m->name, name, len);
    m->name[len] = 0;
    m->next = r->names;
    r->names = m;
}

const char *replay_module_name(struct replay *r, const char *mapped_path)
{
    const char *slash = strrchr(mapped_path, '/');
    const char *hex = slash ? slash + 1 : mapped_path;
    for (struct module_name *m = r->names; m; m = m->next)
        if (!strcmp(m->hash, hex))
            return m->name;
    return NULL;
}

/* ---- moving the tracee ---- */

struct stop_info replay_wait_stop(struct replay *r)
{
    for (;;) {
        int status;
        if (waitpid(r->t.pid, &status, __WALL) < 0) {
            if (errno == EINTR)
                continue;
            fatal("waitpid: %s", strerror(errno));
        }
        struct stop_info s = classify_stop(r->t.pid, status);
        if (s.kind == STOP_EVENT && s.event == PTRACE_EVENT_EXIT) {
            ptrace(PTRACE_CONT, r->t.pid, 0, 0);
            continue;
        }
        if (s.kind == STOP_EXITED)
            r->alive = false;
        return s;
    }
}

bool replay_is_step_trap(struct replay *r, const struct stop_info *s)
{
    if (s->kind != STOP_SIGNAL || s->sig != SIGTRAP)
        return false;
    siginfo_t si;
    return ptrace(PTRACE_GETSIGINFO, r->t.pid, 0, &si) == 0 && si.si_code == TRAP_TRACE;
}

/* A single step that delivered a signal ends at the handler's entry (a SIGTRAP whose si_code
 * differs between kernels: TRAP_BRKPT, TRAP_UNK seen here) or after one instruction (the signal
 * was ignored: TRAP_TRACE); only an int3 breakpoint (SI_KERNEL) is something else. */
static bool is_delivery_step(struct replay *r, const struct stop_info *s)
{
    if (s->kind != STOP_SIGNAL || s->sig != SIGTRAP)
        return false;
    siginfo_t si;
    return ptrace(PTRACE_GETSIGINFO, r->t.pid, 0, &si) == 0 && si.si_code != SI_KERNEL;
}

/* The operand size (8, or 2 with a 0x66 prefix) of the pushf at pc, or 0 when it is another
 * instruction. */
static int pushf_size(struct replay *r, uint64_t pc)
{
    uint8_t code[4];
    if (tracee_read(&r->t, pc, code, sizeof code) < 0)
        return 0;
    int size = 8;
    for (size_t i = 0; i < sizeof code; i++) {
        if (code[i] == 0x66)
            size = 2;
        else if (code[i] < 0x40 || code[i] > 0x4f) /* (0x40..0x4f: a REX prefix) */
            return code[i] == 0x9c ? size : 0;
    }
    return 0;
}

/*
 * Single steps the tracee (PTRACE_SYSEMU_SINGLESTEP with signal sig) and returns its next stop.
 * The trap flag the step sets must not become the program's state: the program run without a
 * step (the recording, a replay that does not step there) never has it. Two instructions save
 * rflags where the program sees them: `syscall` copies them into r11 (a later signal point's
 * fingerprint compares r11), pushf onto the stack. At their stop a trap flag that rflags does not
 * show (the kernel hides the one it forced) is ours and taken out again.
 */
static struct stop_info step_once(struct replay *r, int sig, const char *what)
{
    tracee_get_regs(&r->t);
    uint64_t rsp = r->t.regs.rsp;
    int pushed = sig ? 0 : pushf_size(r, r->t.regs.rip);
    if (ptrace(PTRACE_SYSEMU_SINGLESTEP, r->t.pid, 0, sig) < 0)
        fatal("cannot %s the replay: %s", what, strerror(errno));
    struct stop_info s = replay_wait_stop(r);
    if (!r->alive || (s.kind != STOP_SYSCALL && !pushed))
        return s;
    tracee_get_regs(&r->t);
    if (r->t.regs.eflags & EFLAGS_TRAP)
        return s; /* the program's own trap flag */
    if (s.kind == STOP_SYSCALL && (r->t.regs.r11 & EFLAGS_TRAP)) {
        r->t.regs.r11 &= ~(unsigned long long)EFLAGS_TRAP;
        tracee_set_regs(&r->t);
    }
    uint16_t flags;
    if (pushed && r->t.regs.rsp == rsp - (uint64_t)pushed &&
        tracee_read(&r->t, r->t.regs.rsp, &flags, 2) == 0 && (flags & EFLAGS_TRAP)) {
        flags &= (uint16_t)~EFLAGS_TRAP;
        tracee_write(&r->t, r->t.regs.rsp, &flags, 2);
    }
    return s;
}

/* Resumes the tracee, first stepping over a breakpoint at its pc, and returns its next stop. */
static struct stop_info advance(struct replay *r, bool step)
{
    int sig = r->deliver_sig;
    r->deliver_sig = 0;
    static const uint8_t int3 = 0xcc;
    bool delivering = sig != 0 || r->delivering;
    r->delivering = false;
    r->stop_lost = false;
    /* Watched pages are protected while the tracee runs, except while a signal is delivered:
     * the kernel writes the signal's frame, and must never meet a page we protected. */
    if (!delivering)
        replay_watch_arm(r);
    else
        replay_watch_disarm(r);
    if (r->unarmed_bp) {
        /* a breakpoint on the syscall instruction just stepped: armed again now that the tracee
         * is past it (while stopped there, injected syscalls use that very instruction) */
        struct breakpoint *held = replay_breakpoint_at(r, r->unarmed_bp);
        if (held)
            tracee_write(&r->t, held->addr, &int3, 1);
        r->unarmed_bp = 0;
    }
    tracee_get_regs(&r->t);
    struct breakpoint *bp = replay_breakpoint_at(r, r->t.regs.rip);
    if (bp) {
        tracee_write(&r->t, bp->addr, &bp->saved, 1);
        struct stop_info s = step_once(r, sig, "step");
        sig = 0;
        if (r->alive && s.kind == STOP_SYSCALL)
            r->unarmed_bp = bp->addr;
        else if (r->alive)
            tracee_write(&r->t, bp->addr, &int3, 1);
        if (step || !(delivering ? is_delivery_step(r, &s) : replay_is_step_trap(r, &s)))
            return s;
        if (delivering)
            replay_watch_arm(r);
    } else if (delivering && r->nwatches && !step) {
        /* deliver in one step: it stops at the handler's entry; from there on run protected */
        struct stop_info s = step_once(r, sig, "resume");
        sig = 0;
        if (!r->alive || !is_delivery_step(r, &s))
            return s;
        replay_watch_arm(r);
    }
    if (step)
        return step_once(r, sig, "step");
    if (ptrace(PTRACE_SYSEMU, r->t.pid, 0, sig) < 0)
        fatal("cannot resume the replay: %s", strerror(errno));
    return replay_wait_stop(r);
}

/* ---- the event loop ---- */

static uint64_t next_index(struct replay *r) { return r->have_ev ? r->ev.index : r->tr.next_event; }

static void report(struct replay *r, struct replay_stop *stop, enum replay_stop_reason reason)
{
    stop->reason = reason;
    stop->event = next_index(r);
    if (r->alive) {
        tracee_get_regs(&r->t);
        stop->pc = r->t.regs.rip;
    }
}

static void consume(struct replay *r)
{
    r->have_ev = false;
    r->ev_begun = false;
    r->watch_hits = 0;
    for (int i = 0; i < r->nbps; i++) {
        r->bps[i].hits = 0;
        r->bps[i].counted = true; /* from this boundary on */
    }
    r->mid_event = false;
    r->point_note[0] = 0;
    r->base.valid = false;
}

/* Reads the next event into r->ev: 1, or 0 with the stop reported (end or damage). */
static int next_event(struct replay *r, struct replay_stop *stop)
{
    int got = trace_reader_next(&r->tr, &r->ev);
    if (got > 0) {
        r->have_ev = true;
        if (r->debug) {
            char text[512];
            replay_describe_event(text, sizeof text, &r->ev);
            fprintf(stderr, "rewind-agent: replay event %lu: %s = %ld\n",
                    (unsigned long)r->ev.index, text,
                    r->ev.kind == EV_SYSCALL ? (long)r->ev.sys.result : 0L);
        }
        return 1;
    }
    if (got < 0) {
        replay_trace_error(r, r->tr.error);
        return 0;
    }
    r->ended = true;
    snprintf(r->end_message, sizeof r->end_message,
             "the recording ends after event %lu: it was cut short%s",
             (unsigned long)(r->tr.next_event ? r->tr.next_event - 1 : 0),
             r->tr.cut_short ? " (its last block is incomplete)" : "");
    snprintf(stop->message, sizeof stop->message, "%s", r->end_message);
    report(r, stop, RSTOP_END);
    return 0;
}

static bool same_syscall(struct replay *r, const struct trace_event *ev, bool exec)
{
    tracee_get_regs(&r->t);
    uint64_t a[6];
    regs_syscall_args(&r->t.regs, a);
    long nr = regs_syscall_nr(&r->t.regs);
    if (exec)
        return nr == SYS_execve || nr == SYS_execveat;
    return nr == (long)ev->sys.nr && !memcmp(a, ev->sys.args, sizeof a);
}

/* The program's end (an EXIT event) as the replay reaches it. */
static int reach_exit(struct replay *r, const struct trace_event *ev, const struct stop_info *s,
                      struct replay_stop *stop)
{
    int want = ev->exit.status;
    bool ok;
    if (r->alive)
        tracee_get_regs(&r->t);
    if (s->kind == STOP_EXITED) {
        ok = WIFEXITED(want) ? WIFEXITED(s->status) && WEXITSTATUS(s->status) == WEXITSTATUS(want)
                             : WIFSIGNALED(s->status) && WTERMSIG(s->status) == WTERMSIG(want);
    } else if (s->kind == STOP_SYSCALL &&
               (regs_syscall_nr(&r->t.regs) == SYS_exit_group || regs_syscall_nr(&r->t.regs) == SYS_exit)) {
        ok = WIFEXITED(want) && (int)(r->t.regs.rdi & 0xff) == WEXITSTATUS(want);
    } else {
        ok = WIFSIGNALED(want) && WTERMSIG(want) == SIGKILL; /* killed from outside, right here */
    }
    if (!ok)
        return replay_diverged_stop(r, ev, s);
    consume(r);
    r->at_exit = true;
    stop->wait_status = want;
    report(r, stop, RSTOP_EXITED);
    return 1;
}

/* After a syscall event: a watched value the recorded result changed stops the replay there. */
static int watch_stop(struct replay *r, struct replay_stop *stop)
{
    int w = r->watch_armed ? replay_watch_changed(r) : -1;
    if (w < 0)
        return 0;
    stop->breakpoint = r->watches[w].addr;
    stop->hits = 0; /* at the boundary of the next event: no count needed to find it again */
    report(r, stop, RSTOP_WATCH);
    return 1;
}

/*
 * Stands the tracee in the signal-delivery-stop of the fault ev anew, by running the faulting
 * instruction again, after an injection replaced that stop (the kernel delivers a fault with its
 * own siginfo only from there). 0, or -1 with the divergence reported.
 */
static int refault(struct replay *r, struct trace_event *ev, struct replay_stop *stop)
{
    static const uint8_t int3 = 0xcc;
    r->stop_lost = false;
    tracee_get_regs(&r->t);
    struct breakpoint *bp = replay_breakpoint_at(r, r->t.regs.rip);
    if (bp)
        tracee_write(&r->t, bp->addr, &bp->saved, 1);
    if (ptrace(PTRACE_SYSEMU_SINGLESTEP, r->t.pid, 0, 0) < 0)
        fatal("cannot step the replay: %s", strerror(errno));
    struct stop_info s = replay_wait_stop(r);
    if (bp && r->alive)
        tracee_write(&r->t, bp->addr, &int3, 1);
    if (s.kind != STOP_SIGNAL || s.sig != (int)ev->sig.signo)
        return replay_diverged_stop(r, ev, &s);
    (void)stop;
    return 0;
}

/*
 * The tracee stopped (s) while the replay was reaching ev: checks that the stop is the event and
 * reproduces it. Returns 0 to go on, 1 when a stop was reported, -1 on divergence.
 */
static int reach(struct replay *r, struct trace_event *ev, const struct stop_info *s,
                 struct replay_stop *stop)
{
    switch (ev->kind) {
    case EV_SYSCALL: {
        if (s->kind != STOP_SYSCALL || !same_syscall(r, ev, false))
            return replay_diverged_stop(r, ev, s);
        /* a syscall that runs for real changes the address space as the program asks: with the
         * program's own protections; then the watched pages are protected anew */
        const struct syscall_desc *d = syscall_lookup(ev->sys.nr);
        bool real = r->watch_armed && d->name && (d->replay == SC_REAL || d->replay == SC_SPECIAL);
        if (real)
            replay_watch_disarm(r);
        if (replay_ends_thread(r, ev)) {
            if (replay_thread_exit(r, ev) < 0)
                return -1;
        } else if (replay_creates_thread(r, ev) ? replay_thread_clone(r, ev) < 0
                                                : replay_apply_syscall(r, ev) < 0) {
            return -1;
        }
        consume(r);
        if (real)
            replay_watch_arm(r);
        return watch_stop(r, stop);
    }
    case EV_EXEC: {
        if (s->kind != STOP_SYSCALL || !same_syscall(r, ev, true))
            return replay_diverged_stop(r, ev, s);
        r->swap_mask = 0;
        bool armed = r->watch_armed;
        replay_watch_disarm(r);
        if (replay_threads_exec(r, ev) < 0 || replay_apply_exec(r, ev, 0) < 0)
            return -1;
        consume(r);
        if (armed)
            replay_watch_arm(r);
        return 0;
    }
    case EV_RDTSC:
        if (s->kind != STOP_SIGNAL || s->sig != SIGSEGV)
            return replay_diverged_stop(r, ev, s);
        r->swap_mask = 0;
        tracee_get_regs(&r->t);
        r->t.regs.rax = (uint32_t)ev->tsc.tsc;
        r->t.regs.rdx = ev->tsc.tsc >> 32;
        if (ev->tsc.is_rdtscp)
            r->t.regs.rcx = ev->tsc.aux;
        r->t.regs.rip += ev->tsc.is_rdtscp ? 3 : 2;
        tracee_set_regs(&r->t);
        consume(r);
        return 0;
    case EV_SIGNAL:
        if (s->kind != STOP_SIGNAL || s->sig != (int)ev->sig.signo)
            return replay_diverged_stop(r, ev, s);
        if (ev->sig.sync) {
            /* (disarming here replaces the fault's stop: refault() finds it again) */
            replay_watch_disarm(r);
            r->ev_begun = true; /* reported now, delivered at the next resume */
            stop->signo = s->sig;
            report(r, stop, RSTOP_SIGNAL);
            return 1;
        }
        if (ev->sig.preempt) { /* the recorder switched threads here: the program never sees it */
            consume(r);
            return 0;
        }
        ptrace(PTRACE_SETSIGINFO, r->t.pid, 0, ev->sig.siginfo);
        r->deliver_sig = s->sig;
        consume(r);
        return 0;
    case EV_EXIT:
        return reach_exit(r, ev, s, stop);
    case EV_SYSCALL_ENTER:
        if (replay_thread_enter(r, ev, s) < 0)
            return -1;
        consume(r);
        return 0;
    default:
        return replay_trace_error(r, "trace events are corrupted: unexpected event kind");
    }
}

static void run_events(struct replay *r, enum replay_mode mode, uint64_t target,
                       struct replay_stop *stop);

/* Whether the tracee stands at the point where signal event ev (SIGP_IN_CODE) was recorded. */
static bool at_signal_point(struct replay *r, const struct trace_event *ev)
{
    tracee_get_regs(&r->t);
    if (r->t.regs.rip != ev->sig.regs[SIGNAL_POINT_RIP])
        return false;
    struct signal_point here, recorded;
    signal_point_take(&r->t, &r->t.regs, &here);
    memcpy(recorded.regs, ev->sig.regs, sizeof recorded.regs);
    recorded.stack_hash = ev->sig.stack_hash;
    bool equal = signal_point_equal(&here, &recorded);
    if (!equal && !r->mid_event) /* at the boundary: should the replay miss it, say what differed */
        signal_point_describe_difference(&here, &recorded, r->point_note, sizeof r->point_note);
    return equal;
}

/* The rule for whom a breakpoint hit is: reported when the client or the motion engine owns the
 * entry; the signal point's own never, and at the arrival where the signal is delivered the others'
 * hit there comes after the handler (its rt_sigreturn returns onto the int3). */
static bool hit_reported(struct replay *r, const struct breakpoint *bp, const struct trace_event *ev)
{
    if (!(bp->owners & BP_REPORTED))
        return false;
    return !(bp->owners & BP_SIGNAL_POINT) || !at_signal_point(r, ev);
}

/*
 * Runs the tracee to the point of signal event ev (SIGP_IN_CODE) through a patched stub
 * (signal_patch.c), when it can: 1 at the point, 0 with *s another stop, -1 when it cannot (the
 * caller advances as usual, the breakpoint at the point armed).
 */
static int run_to_signal_point(struct replay *r, const struct trace_event *ev, bool step,
                               struct stop_info *s)
{
    if (ev->kind != EV_SIGNAL || ev->sig.place != SIGP_IN_CODE || r->ev_begun || step ||
        r->unpatchable == ev->index + 1 || !replay_can_patch_signal_point(r, ev))
        return -1;
    int got = replay_run_to_signal_point(r, ev, s);
    if (r->debug)
        fprintf(stderr, "rewind-agent: run to the point of event %lu through a stub: %d\n",
                (unsigned long)ev->index, got);
    if (got < 0) {
        r->unpatchable = ev->index + 1;
        replay_set_signal_point(r, ev->sig.regs[SIGNAL_POINT_RIP]);
    }
    return got;
}

/*
 * The next event is a signal that arrived in user code: a breakpoint (never reported) waits at
 * its pc, and at the first arrival whose fingerprint matches the signal is raised, to be taken
 * at once, before any instruction runs: delivered (reach) exactly there, as when recorded.
 */
static void approach_signal_point(struct replay *r, const struct trace_event *ev)
{
    bool in_code = ev->kind == EV_SIGNAL && ev->sig.place == SIGP_IN_CODE;
    replay_set_signal_point(r, in_code ? ev->sig.regs[SIGNAL_POINT_RIP] : 0);
    if (!in_code || r->ev_begun || !at_signal_point(r, ev))
        return;
    replay_watch_disarm(r);
    syscall(SYS_tkill, r->t.pid, (int)ev->sig.signo);
    r->delivering = true;
    r->ev_begun = true;
}

/* Runs the replay (run_events); every stop is reported with the watched pages as the program
 * protected them, except a fault about to be delivered (they were given back before it). */
static void run(struct replay *r, enum replay_mode mode, uint64_t target, struct replay_stop *stop)
{
    r->pause_stale = r->pause_requested; /* its SIGSTOP is still to come, but the pause is over */
    run_events(r, mode, target, stop);
    replay_watch_disarm(r);
}

/* A store to a watched page is stepped by the agent (replay_watch_fault), which leaves the tracee
 * at the next instruction, not yet run: after a watch stop, or at once when the store changed
 * nothing watched. A breakpoint there is an arrival the run without data breakpoints meets too,
 * so it is counted and reported now (advance would step over it as over a breakpoint's own
 * stop); then arrival counts, and so positions, are the same under every set of data
 * breakpoints. 1 when it reported the hit. */
static int arrival_after_watch_stop(struct replay *r, bool step, struct replay_stop *stop)
{
    uint64_t pc = r->after_watch_pc;
    r->after_watch_pc = 0;
    if (!pc || step || !r->alive)
        return 0;
    tracee_get_regs(&r->t);
    struct breakpoint *bp = r->t.regs.rip == pc ? replay_breakpoint_at(r, pc) : NULL;
    if (!bp || !(bp->owners & BP_REPORTED)) /* the signal point's own entry is never reported */
        return 0;
    stop->breakpoint = bp->addr;
    stop->hits = ++bp->hits;
    report(r, stop, RSTOP_BREAKPOINT);
    r->at_hit = (bp->owners & BP_USER) && bp->counted;
    return 1;
}

static void run_events(struct replay *r, enum replay_mode mode, uint64_t target,
                       struct replay_stop *stop)
{
    memset(stop, 0, sizeof *stop);
    r->err = stop;
    r->at_hit = false;
    if (r->at_exit && !r->ended) {
        r->ended = true;
        snprintf(r->end_message, sizeof r->end_message, "end of recording");
    }
    if (r->ended) {
        snprintf(stop->message, sizeof stop->message, "%s", r->end_message);
        report(r, stop, RSTOP_END);
        return;
    }
    if (r->has_failed) {
        *stop = r->failed;
        return;
    }
    bool step = mode == RUN_STEP_INSN;
    if (arrival_after_watch_stop(r, step, stop))
        return;
    if (mode == RUN_TO_EVENT && next_index(r) > target) {
        r->err = stop;
        replay_trace_error(r, "the replay is already past that event");
        stop->error_code = 1;
        report(r, stop, RSTOP_ERROR);
        return;
    }
    for (;;) {
        if (mode == RUN_TO_EVENT && next_index(r) >= target && !r->ev_begun) {
            report(r, stop, RSTOP_EVENT);
            return;
        }
        if (!r->have_ev && !next_event(r, stop))
            return;
        struct trace_event *ev = &r->ev;
        if (ev->kind == EV_OUTPUT) {
            r->out(r->out_ctx, ev->out.stream == 1 ? 1 : 2, ev->out.bytes, ev->out.len);
            consume(r);
            continue;
        }
        if (ev->kind == EV_STOP) {
            r->ended = true;
            r->end_is_stop = true;
            snprintf(r->end_message, sizeof r->end_message, "%.*s", (int)ev->stop.len,
                     ev->stop.reason);
            consume(r);
            snprintf(stop->message, sizeof stop->message, "%s", r->end_message);
            report(r, stop, RSTOP_END);
            return;
        }
        if (ev->kind == EV_THREAD ||
            (ev->kind == EV_SYSCALL && (ev->sys.flags & SYSF_RESUMED))) {
            /* another thread moves; a blocking syscall's result: no instruction runs */
            if ((ev->kind == EV_THREAD ? replay_thread_switch(r, ev) : replay_thread_resumed(r, ev)) < 0) {
                r->failed = *stop;
                r->has_failed = true;
                return;
            }
            consume(r);
            continue;
        }
        if (ev->kind == EV_SIGNAL && ev->sig.sync && r->ev_begun) {
            if (r->stop_lost && refault(r, ev, stop) < 0) {
                r->failed = *stop;
                r->has_failed = true;
                return;
            }
            r->deliver_sig = (int)ev->sig.signo;
            consume(r);
            continue;
        }
        approach_signal_point(r, ev);
        if (ev->kind == EV_SIGNAL && ev->sig.place == SIGP_AFTER_EVENT && !r->ev_begun) {
            /* delivered right where it was recorded: after the previous syscall */
            replay_watch_disarm(r);
            r->delivering = true;
            if (r->swap_mask) {
                /* raised inside the wait, under its mask: raised before it, a signal the
                 * program's own mask lets through would be delivered (and deferred) on the way
                 * in, and the wait would then wait forever */
                uint64_t args[6] = {r->swap_mask, 8, 0, 0, 0, 0};
                if (tracee_inject_syscall(&r->t, r->t.regs.rip - 2, SYS_rt_sigsuspend, args,
                                          INJECT_RAISE_AT_ENTRY((int)ev->sig.signo),
                                          NULL) == INJECT_DIED) {
                    r->alive = false;
                    replay_diverged(r, ev, "the replayed process died");
                    r->failed = *stop;
                    r->has_failed = true;
                    return;
                }
            } else {
                syscall(SYS_tkill, r->t.pid, (int)ev->sig.signo);
            }
            r->swap_mask = 0;
            r->ev_begun = true;
        }
        struct stop_info s;
        r->mid_event = true; /* user code runs: breakpoints set from now on count late */
        r->base.valid = false;
        if (ev->kind == EV_SIGNAL && ev->sig.place == SIGP_IN_CODE && !r->ev_begun)
            replay_watchdog_approach(r->watchdog, r->t.pid, ev->index, ev->sig.user_cpu_ns);
        int fast = run_to_signal_point(r, ev, step, &s);
        if (fast > 0)
            continue; /* at the point: delivered by approach_signal_point */
        if (fast < 0)
            s = advance(r, step);
        int w = s.kind == STOP_SIGNAL && s.sig == SIGSEGV && r->watch_armed ? replay_watch_fault(r, &s)
                                                                             : REPLAY_WATCH_NOT_OURS;
        if (w >= 0) {
            stop->breakpoint = r->watches[w].addr;
            stop->hits = ++r->watch_hits;
            report(r, stop, RSTOP_WATCH);
            r->after_watch_pc = stop->pc;
            return;
        }
        if (w == REPLAY_WATCH_QUIET) {
            if (step) {
                report(r, stop, RSTOP_STEP);
                return;
            }
            /* the store was stepped: a breakpoint at the next instruction is still to be met */
            tracee_get_regs(&r->t);
            r->after_watch_pc = r->t.regs.rip;
            if (arrival_after_watch_stop(r, false, stop))
                return;
            continue;
        }
        if (s.kind == STOP_SIGNAL && s.sig == SIGSTOP && r->pause_requested) {
            r->pause_requested = 0; /* our own SIGSTOP: swallowed, the program never sees it */
            if (r->pause_stale) {
                r->pause_stale = 0; /* asked during a run that ended otherwise: not for this one */
                continue;
            }
            report(r, stop, RSTOP_PAUSED);
            return;
        }
        if (s.kind == STOP_SIGNAL && s.sig == SIGTRAP) {
            siginfo_t si;
            memset(&si, 0, sizeof si);
            ptrace(PTRACE_GETSIGINFO, r->t.pid, 0, &si);
            tracee_get_regs(&r->t);
            if (si.si_code == TRAP_TRACE && step) {
                report(r, stop, RSTOP_STEP);
                return;
            }
            struct breakpoint *hit = si.si_code == SI_KERNEL ? replay_breakpoint_at(r, r->t.regs.rip - 1) : NULL;
            if (hit) {
                r->t.regs.rip -= 1;
                tracee_set_regs(&r->t);
                if (!hit_reported(r, hit, ev))
                    continue;
                stop->breakpoint = r->t.regs.rip;
                stop->hits = ++hit->hits;
                report(r, stop, RSTOP_BREAKPOINT);
                r->at_hit = (hit->owners & BP_USER) && hit->counted;
                return;
            }
        }
        int rc = reach(r, ev, &s, stop);
        if (rc < 0) {
            r->failed = *stop; /* the session cannot go on: every later resume says why */
            r->has_failed = true;
        }
        if (rc != 0)
            return;
        if (step) {
            report(r, stop, RSTOP_STEP);
            return;
        }
    }
}

void replay_resume(struct replay *r, enum replay_mode mode, struct replay_stop *stop)
{
    run(r, mode == RUN_TO_EVENT ? RUN_CONTINUE : mode, 0, stop);
}

void replay_run_to_event(struct replay *r, uint64_t event, struct replay_stop *stop)
{
    run(r, RUN_TO_EVENT, event, stop);
}

void replay_motion_begin(struct replay *r) { r->pause_stale = r->pause_requested; }

void replay_motion_run(struct replay *r, enum replay_mode mode, uint64_t target,
                       struct replay_stop *stop)
{
    if (mode == RUN_TO_EVENT && next_index(r) >= target)
        mode = RUN_CONTINUE;
    run_events(r, mode, target, stop);
}

void replay_motion_end(struct replay *r) { replay_watch_disarm(r); }

void replay_report_here(struct replay *r, struct replay_stop *stop, enum replay_stop_reason reason)
{
    report(r, stop, reason);
}

void replay_request_pause(struct replay *r)
{
    r->pause_stale = 0; /* a pause pending from an earlier run now counts for this one */
    if (!r->alive || r->pause_requested)
        return;
    r->pause_requested = 1;
    syscall(SYS_tkill, r->t.pid, SIGSTOP); /* surfaces at the replay's next stop */
}

bool replay_pause_pending(struct replay *r)
{
    /* a request that came during the last run, or after it ended (its SIGSTOP, still to come, is
     * swallowed by the next run as stale) */
    return r->pause_requested && !r->pause_stale;
}

/* ---- opening and closing ---- */

struct replay *replay_new(replay_output_fn out, void *ctx, struct replay_stop *stop)
{
    struct replay *r = calloc(1, sizeof *r);
    if (!r)
        fatal("out of memory");
    r->t.mem_fd = -1;
    dirty_init(&r->dirty);
    r->out = out;
    r->out_ctx = ctx;
    r->err = stop;
    r->debug = getenv("REWIND_DEBUG") != NULL;
    r->watchdog = replay_watchdog_start(r);
    return r;
}

void replay_report_event(struct replay *r, struct replay_stop *stop)
{
    report(r, stop, RSTOP_EVENT);
}

struct replay *replay_open(const char *trace_dir, replay_output_fn out, void *ctx,
                           struct replay_stop *stop)
{
    memset(stop, 0, sizeof *stop);
    struct replay *r = replay_new(out, ctx, stop);
    if (trace_reader_open(&r->tr, trace_dir) < 0) {
        replay_trace_error(r, r->tr.error);
        goto fail;
    }
    if (!realpath(trace_dir, r->trace_dir)) {
        replay_trace_error(r, strerror(errno));
        goto fail;
    }
    char err[512];
    if (trace_check_blobs(r->trace_dir, &r->threads, err, sizeof err) < 0) {
        replay_trace_error(r, err);
        goto fail;
    }
    int got = trace_reader_next(&r->tr, &r->ev);
    if (got <= 0 || r->ev.kind != EV_EXEC) {
        replay_trace_error(r, got < 0 ? r->tr.error
                                      : "the recording holds no program start (it was cut short "
                                        "at once)");
        goto fail;
    }
    struct image img;
    if (image_parse(r->ev.body, &img) < 0) {
        image_free(&img);
        replay_trace_error(r, "trace events are corrupted: bad exec image");
        goto fail;
    }
    int started = replay_start_husk(r, &img);
    image_free(&img);
    if (started < 0)
        goto fail;
    tracee_get_regs(&r->t);
    if (replay_apply_exec(r, &r->ev, r->t.regs.rip - 2) < 0)
        goto fail;
    report(r, stop, RSTOP_ENTRY);
    return r;
fail:
    replay_close(r);
    return NULL;
}

void replay_close(struct replay *r)
{
    if (!r)
        return;
    replay_watchdog_stop(r->watchdog);
    if (r->th.n)
        replay_threads_close(r);
    if (r->alive) {
        kill(r->t.pid, SIGKILL);
        int status;
        while (waitpid(r->t.pid, &status, __WALL) > 0 && !WIFEXITED(status) &&
               !WIFSIGNALED(status))
            ptrace(PTRACE_CONT, r->t.pid, 0, 0);
    }
    tracee_detach_mem(&r->t);
    dirty_reset(&r->dirty);
    replay_free_savepoints(r); /* save points: their frozen processes too */
    replay_remove_shared_copies(r);
    replay_remove_shm_files(r);
    while (r->names) {
        struct module_name *n = r->names->next;
        free(r->names->name);
        free(r->names);
        r->names = n;
    }
    trace_reader_close(&r->tr);
    free(r);
}

/* ---- one-shot replay ---- */

struct output_sink {
    bool broken;            /* our stdout/stderr went away (EPIPE): stop copying */
};

static void write_output(void *ctx, int stream, const uint8_t *bytes, size_t n)
{
    struct output_sink *sink = ctx;
    if (!sink->broken && write_all(stream == 1 ? 1 : 2, bytes, n) < 0)
        sink->broken = true;
}

void replay_run(const struct replay_request *req, struct replay_result *res)
{
    signal(SIGPIPE, SIG_IGN);
    if (replay_tree_wanted(req->trace_dir)) {
        replay_tree_run(req, res);
        return;
    }
    struct output_sink sink = {false};
    replay_run_stream(req, write_output, &sink, NULL, res);
}

void replay_run_stream(const struct replay_request *req, replay_output_fn out, void *ctx,
                       struct replay **opened, struct replay_result *res)
{
    memset(res, 0, sizeof *res);
    struct replay_stop stop;
    struct replay *r = replay_open(req->trace_dir, out, ctx, &stop);
    if (opened)
        *opened = r;
    if (r && req->on_started)
        req->on_started(req->ctx, replay_pid(r));
    while (r && stop.reason != RSTOP_END && stop.reason != RSTOP_ERROR &&
           stop.reason != RSTOP_EXITED)
        replay_resume(r, RUN_CONTINUE, &stop);
    if (stop.reason == RSTOP_ERROR) {
        res->error_code = stop.error_code;
        snprintf(res->message, sizeof res->message, "%s", stop.message);
    } else if (stop.reason == RSTOP_EXITED) {
        res->complete = true;
        res->wait_status = stop.wait_status;
    } else if (r && r->end_is_stop) {
        res->complete = true; /* a STOP event: the recording ended on something unsupported */
        res->wait_status = SIGKILL;
        snprintf(res->message, sizeof res->message, "%s", stop.message);
    } else {
        snprintf(res->message, sizeof res->message, "%s", stop.message);
    }
    res->events = stop.event;
    if (opened)
        *opened = NULL;
    replay_close(r);
}
