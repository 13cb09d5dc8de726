/*
 * replay_savepoint.c: save points of a replay session. A save point is a stopped fork of the
 * replayed process, made at an event boundary, plus the replay state that goes with that moment
 * (the place in the event log, the program break, the end flags...). Restoring forks the save
 * point again and makes the fork the replayed process: the save point itself never runs, so it can
 * be restored any number of times. This is what makes going backwards cheap: replay from the
 * nearest save point instead of from the start (DESIGN.md, "Save points").
 *
 * How a fork is made (tracee_fork_stopped): a clone(CLONE_PARENT | CLONE_PTRACE | CLONE_UNTRACED)
 * is injected into the process through the `syscall` instruction it is stopped after (rip - 2 at
 * a syscall stop). CLONE_PTRACE makes the child a tracee of ours from birth (it stops at once with
 * a SIGSTOP, options inherited), and CLONE_UNTRACED spares the ptrace fork event that
 * tracee_inject_syscall does not expect; CLONE_PARENT makes it a sibling, so every process of a
 * session (husk, save points, restored forks) is a direct child of the agent: killing one never
 * signals another, and one waitpid by the agent reaps it (no zombies left under replayed
 * processes, no need for a child subreaper).
 *
 * Invariants:
 *  - A save point's process is ptrace-stopped at a syscall-exit stop with the registers of the
 *    moment it was made (the clone's own rax = 0 and arguments never show): "settling" a fresh
 *    child runs one harmless injected getpid from its first SIGSTOP stop, so the child is in the
 *    same kind of stop as a replayed process between events and resumes exactly like it (a
 *    syscall-exit stop with no signal pending returns to user mode with the registers as set).
 *  - A save point's memory holds no breakpoint bytes: they are taken out of the live process
 *    for the fork and put back at once. A restored process gets the session's current breakpoint
 *    set armed anew.
 *  - MAP_SHARED mappings are shared by the whole family (live process and save points), so a
 *    save point keeps a copy of the bytes of every writable shared mapping, and of every mapping
 *    of the replay's copies of shared files (which recorded writes to the file change even when
 *    read-only), and the size of each copy (ftruncate changes it: file_watch.h); a restore sets
 *    the sizes and writes the bytes back. Limits: another read-only shared mapping (of memory
 *    the replay does not copy) changed later through another mapping of the same object keeps
 *    the later bytes; shared copy files made after the save point are not reused after a restore
 *    (a fresh copy is made).
 */
#include "maps.h"
#include "replay_internal.h"
#include "thread_fork.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>


#define SHARED_SAVE_MAX (256ull << 20) /* refuse to copy more shared memory than this */

struct shared_bytes {
    uint64_t addr, len;
    uint8_t *bytes;
};

struct replay_savepoint {
    pid_t pid;                          /* the frozen fork (0: gone) */
    struct user_regs_struct regs;       /* the replayed process's registers at the save */
    struct user_fpregs_struct fpregs;
    struct trace_pos pos;               /* where the log is read from after a restore */
    /* Injections go through the program's syscall instruction at rip - 2 when it stopped after
     * one; otherwise (the entry, after an exec) through a `syscall` written over the bytes at rip
     * for the time of the injection (patched), undone in the process and in its fork. */
    uint64_t inj;
    bool patched;
    uint8_t orig[2];

    /* the replay state of struct replay at the save (see replay_internal.h) */
    uint64_t brk, swap_mask;
    bool at_exit, ended, end_is_stop;
    char end_message[1024];
    int nshared;                        /* shared copy files that existed */
    off_t *shared_size;                 /* ... and their sizes (nshared of them) */

    /* made at a breakpoint arrival (replay_save_at_hit): it stands just before the arrival at
     * hit_pc; counts[] are the counted breakpoints' hits before it (that arrival not included) */
    bool at_hit;
    uint64_t hit_pc;
    struct hit_count *counts;
    int ncounts;

    /* The replay's threads at the save (th.v copied; live tids those of the live process then).
     * Several: the save point is a thread_copy (copy.pid == pid; copy.tids[i] is th.v[i]'s
     * thread, in the same order), made through th.v[lead] (the thread that ran). */
    struct replay_threads th;
    struct thread_copy copy;
    int lead;                           /* copy.tids[lead]: the main thread's (the group leader,
                                         * as in the replayed process: its exit ends the group) */
    int running;                        /* copy.tids[running]: the thread that ran */

    struct shared_bytes *shm;           /* writable MAP_SHARED mappings' bytes */
    int nshm;
    uint64_t shm_total;

    struct replay_savepoint *next;      /* the session's list */
};

/* A session's save points, and the processes it killed that have not been reaped yet: a killed
 * process frees its memory (milliseconds for hundreds of MB) while the replay goes on, and is
 * reaped by a later call here (at the latest by replay_close). */
#define MAX_DYING 64
struct savepoint_set {
    struct replay_savepoint *list;
    pid_t dying[MAX_DYING];
    int ndying;
};

/* ---- processes ---- */

/* Kills a process of ours and reaps it (it is our child and our tracee: one wait reaps it). */
static struct savepoint_set *set_of(struct replay *r)
{
    if (!r->savepoints && !(r->savepoints = calloc(1, sizeof *r->savepoints)))
        fatal("out of memory");
    return r->savepoints;
}

/* Reaps the killed processes that are gone (all of them, waiting, when all is true). */
static void reap_dying(struct savepoint_set *set, bool all)
{
    for (int i = 0; i < set->ndying;) {
        int status;
        pid_t got = waitpid(set->dying[i], &status, __WALL | (all ? 0 : WNOHANG));
        if (got < 0 && errno == EINTR)
            continue;
        if (got == 0) {
            i++; /* still exiting */
        } else if (got > 0 && !WIFEXITED(status) && !WIFSIGNALED(status)) {
            ptrace(PTRACE_CONT, set->dying[i], 0, 0); /* the PTRACE_EVENT_EXIT stop */
        } else {
            set->dying[i] = set->dying[--set->ndying]; /* reaped (or not ours: ECHILD) */
        }
    }
}

/* Kills a process of ours (in a ptrace stop); it is reaped later (reap_dying). */
static void kill_later(struct savepoint_set *set, pid_t pid)
{
    if (pid <= 0)
        return;
    /* no PTRACE_EVENT_EXIT stop: the exit (freeing the memory) runs on without us */
    ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_EXITKILL);
    kill(pid, SIGKILL);
    if (set->ndying == MAX_DYING)
        reap_dying(set, true);
    set->dying[set->ndying++] = pid;
}

/* Writes n bytes into process pid's memory (a process that is not r->t). 0 or -errno. */
static int poke(pid_t pid, uint64_t addr, const void *bytes, size_t n)
{
    struct tracee t = {.pid = pid, .mem_fd = -1};
    if (tracee_attach_mem(&t) < 0)
        return -errno;
    int rc = tracee_write(&t, addr, bytes, n);
    tracee_detach_mem(&t);
    return rc;
}

/*
 * Gives a fresh child (in its first SIGSTOP stop) the registers regs and FP registers fp, and
 * moves it to a syscall-exit stop by running a getpid injected at inj (the SIGSTOP is discarded).
 * After this the child resumes exactly as the process whose registers these are would from a
 * syscall stop. 0, or -1 with err (the child is then killed).
 */
static int settle(pid_t child, const struct user_regs_struct *regs,
                  const struct user_fpregs_struct *fp, uint64_t inj, char *err, size_t errlen)
{
    struct tracee c = {.pid = child, .mem_fd = -1, .regs = *regs};
    tracee_set_regs(&c);
    if (ptrace(PTRACE_SETFPREGS, child, 0, fp) < 0) {
        snprintf(err, errlen, "cannot set the FP registers of the fork %d: %s", child,
                 strerror(errno));
        tracee_kill_reap(child);
        return -1;
    }
    uint64_t none[6] = {0};
    int died = 0;
    int64_t got = tracee_inject_syscall(&c, inj, SYS_getpid, none, 0, &died);
    if (got != child) {
        snprintf(err, errlen, "the fork %d did not settle (getpid gave %ld)", child, (long)got);
        if (got != INJECT_DIED) /* (a death was reaped by the injection's wait) */
            tracee_kill_reap(child);
        return -1;
    }
    return 0;
}

/* ---- shared memory ---- */

static void free_shm(struct replay_savepoint *sp)
{
    for (int i = 0; i < sp->nshm; i++)
        free(sp->shm[i].bytes);
    free(sp->shm);
    sp->shm = NULL;
    sp->nshm = 0;
    free(sp->shared_size);
    sp->shared_size = NULL;
    free(sp->counts);
    sp->counts = NULL;
    free(sp->th.v);
    sp->th.v = NULL;
}

/* Copies the bytes of the live process's writable shared mappings into sp. 0, or -1 with err. */
static int save_shm(struct replay *r, struct replay_savepoint *sp, char *err, size_t errlen)
{
    struct map_entry *maps;
    int n = maps_read(r->t.pid, &maps);
    if (n < 0) {
        snprintf(err, errlen, "cannot read the mappings of process %d: %s", r->t.pid,
                 strerror(errno));
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (!maps[i].shared || (!(maps[i].prot & PROT_WRITE) && !replay_is_shared_copy(r, &maps[i]) &&
                                !replay_is_shm_file(r, &maps[i])))
            continue;
        uint64_t len = maps[i].end - maps[i].start;
        if (sp->shm_total + len > SHARED_SAVE_MAX) {
            snprintf(err, errlen, "more than %llu MiB of shared memory to save",
                     SHARED_SAVE_MAX >> 20);
            rc = -1;
            break;
        }
        /* the readable runs of pages (those past the end of a shared file are not) */
        for (uint64_t at = maps[i].start; at < maps[i].end;) {
            uint64_t end = at;
            char probe;
            while (end < maps[i].end && tracee_read(&r->t, end, &probe, 1) == 0)
                end += 4096;
            if (end > at) {
                struct shared_bytes b = {at, end - at, xmalloc(end - at)};
                if (tracee_read(&r->t, b.addr, b.bytes, b.len) < 0) {
                    free(b.bytes);
                } else {
                    sp->shm = xrealloc(sp->shm, sizeof *sp->shm * (size_t)(sp->nshm + 1));
                    sp->shm[sp->nshm++] = b;
                    sp->shm_total += b.len;
                }
            }
            at = end + 4096;
        }
    }
    free(maps);
    return rc;
}

/* ---- the frozen fork ---- */

/* Forks the live process (one thread) for a save point, through a syscall instruction at its pc
 * (sp->inj, patched there if need be: the fork keeps the patch until settled_fork). The child, or
 * -1 with err. */
static pid_t fork_one(struct replay *r, struct replay_savepoint *sp, char *err, size_t errlen)
{
    struct syscall_site site;
    pid_t child = -1;
    if (tracee_syscall_site_open(&r->t, r->t.regs.rip, &site) < 0)
        snprintf(err, errlen, "no save point: cannot place a syscall instruction at pc %#llx",
                 (unsigned long long)r->t.regs.rip);
    else
        child = tracee_fork_stopped(&r->t, site.addr, err, errlen);
    tracee_syscall_site_close(&r->t, &site);
    sp->inj = site.addr;
    sp->patched = site.patched;
    memcpy(sp->orig, site.orig, sizeof sp->orig);
    return child;
}

/* Settles fork_one's child and takes the patch out of it. 0, or -1 with err (child killed). */
static int settled_fork(pid_t child, struct replay_savepoint *sp, char *err, size_t errlen)
{
    if (settle(child, &sp->regs, &sp->fpregs, sp->inj, err, errlen) < 0)
        return -1;
    if (sp->patched && poke(child, sp->inj, sp->orig, 2) < 0) {
        snprintf(err, errlen, "cannot write into the save point %d", child);
        tracee_kill_reap(child);
        return -1;
    }
    return 0;
}

/* The live tids of a replay's threads, in th.v order (malloc'd), and the index of tid in it
 * (-1: none). */
static pid_t *live_tids(const struct replay_threads *th, pid_t tid, int *index)
{
    pid_t *tids = xmalloc(sizeof *tids * (size_t)(th->n + 1));
    *index = -1;
    for (int i = 0; i < th->n; i++) {
        tids[i] = th->v[i].live;
        if (tids[i] == tid)
            *index = i;
    }
    return tids;
}

/* A save point of a replay with several live threads: a copy of every thread (thread_fork),
 * each in the place it waits in (the running one at its syscall stop or breakpoint arrival).
 * The copy's process id, or -1 with err. */
static pid_t fork_threads(struct replay *r, struct replay_savepoint *sp, char *err, size_t errlen)
{
    int lead, op = syscall_stop_op(r->t.pid);
    /* the running thread's copy stays at its syscall stop: injections go through rip - 2 (a
     * breakpoint there is kept out after a restore); at an arrival there is no such site */
    sp->inj = r->t.regs.rip - 2;
    sp->patched = op != 1 && op != 2; /* (read as: no site to keep clear) */
    pid_t *tids = live_tids(&r->th, r->th.main_live, &lead), pid = -1;
    free(live_tids(&r->th, r->t.pid, &sp->running));
    if (sp->running < 0 || lead < 0)
        snprintf(err, errlen, "no save point: the running thread %d or the main thread %d is not "
                              "one of the replay's", r->t.pid, r->th.main_live);
    else if (thread_fork(tids, r->th.n, lead, THREAD_FORK_SYSEMU, &sp->copy, err,
                         errlen) == 0)
        pid = sp->copy.pid;
    sp->lead = lead;
    free(tids);
    return pid;
}

/* Kills the live replayed process, every thread of it: one thread is reaped later (its memory is
 * freed while the replay goes on), several at once (a thread group is reaped thread by thread). */
static void kill_live(struct replay *r)
{
    if (!r->alive)
        return;
    if (r->th.n > 1) {
        struct thread_copy live = {.pid = r->th.group_live ? r->th.group_live : r->th.main_live};
        thread_copy_kill(&live);
    } else {
        kill_later(r->savepoints, r->t.pid);
    }
    r->alive = false;
}

/* A new live process from save point sp: its fork (settled, no patch), or for a multithreaded one
 * a thread_copy of it (into *copy). The process (its running thread), or -1 with err. */
static pid_t fork_savepoint(struct replay_savepoint *sp, struct thread_copy *copy, char *err,
                            size_t errlen)
{
    if (sp->copy.pid) {
        pid_t *tids = xmalloc(sizeof *tids * (size_t)(sp->copy.nthreads + 1));
        for (int i = 0; i < sp->copy.nthreads; i++)
            tids[i] = sp->copy.tids[i].copy;
        int rc = thread_fork(tids, sp->copy.nthreads, sp->lead, THREAD_FORK_SYSEMU, copy, err,
                             errlen);
        free(tids);
        return rc < 0 ? -1 : copy->tids[sp->running].copy;
    }
    struct tracee st = {.pid = sp->pid, .mem_fd = -1, .regs = sp->regs};
    static const uint8_t syscall_insn[2] = {0x0f, 0x05};
    if (sp->patched && poke(sp->pid, sp->inj, syscall_insn, 2) < 0) {
        snprintf(err, errlen, "cannot write into the save point %d", sp->pid);
        return -1;
    }
    pid_t child = tracee_fork_stopped(&st, sp->inj, err, errlen);
    struct user_regs_struct probe;
    if (child < 0 && ptrace(PTRACE_GETREGS, sp->pid, 0, &probe) < 0) {
        sp->pid = 0; /* it died meanwhile (the injection reaped it) */
        return -1;
    }
    if (sp->patched)
        poke(sp->pid, sp->inj, sp->orig, 2);
    if (child < 0 || settled_fork(child, sp, err, errlen) < 0)
        return -1;
    return child;
}

/* The restored process's threads: sp's, each recorded tid mapped to its new live thread. */
static void take_threads(struct replay *r, const struct replay_savepoint *sp,
                         const struct thread_copy *copy, pid_t child)
{
    free(r->th.v);
    r->th = sp->th;
    r->th.v = xmalloc(sizeof *r->th.v * (size_t)(sp->th.n + 1));
    r->th.cap = sp->th.n + 1;
    memcpy(r->th.v, sp->th.v, sizeof *r->th.v * (size_t)sp->th.n);
    if (!copy->pid) {
        /* one thread (or none named yet): the fork */
        for (int i = 0; i < r->th.n; i++)
            r->th.v[i].live = child;
        r->th.main_live = r->th.group_live = r->th.n ? child : 0;
        return;
    }
    for (int i = 0; i < r->th.n; i++) {
        if (sp->th.v[i].live == sp->th.main_live)
            r->th.main_live = copy->tids[i].copy;
        r->th.v[i].live = copy->tids[i].copy;
    }
    r->th.group_live = copy->pid;
}

/* ---- the API ---- */

static struct replay_savepoint *make(struct replay *r, char *err, size_t errlen);

struct replay_savepoint *replay_save(struct replay *r, char *err, size_t errlen)
{
    if (!r->alive) {
        snprintf(err, errlen, "no save point: the replayed process no longer exists");
        return NULL;
    }
    if (r->has_failed) {
        snprintf(err, errlen, "no save point: the replay failed (%s)", r->failed.message);
        return NULL;
    }
    if (r->ev_begun || r->deliver_sig) {
        snprintf(err, errlen, "no save point: a signal is being delivered (not between events)");
        return NULL;
    }
    reap_dying(set_of(r), false);
    int op = syscall_stop_op(r->t.pid);
    if (op != 1 && op != 2) {
        snprintf(err, errlen, "no save point: the replay is not stopped between events (at a "
                              "syscall stop)");
        return NULL;
    }
    return make(r, err, errlen);
}

/* Makes a save point of the live process where it stands (any ptrace stop with no signal being
 * delivered), with the replay state of this moment. NULL with err when it cannot. */
static struct replay_savepoint *make(struct replay *r, char *err, size_t errlen)
{
    tracee_get_regs(&r->t);
    struct replay_savepoint *sp = calloc(1, sizeof *sp);
    if (!sp)
        fatal("out of memory");
    sp->regs = r->t.regs;
    if (ptrace(PTRACE_GETFPREGS, r->t.pid, 0, &sp->fpregs) < 0) {
        snprintf(err, errlen, "cannot read the FP registers: %s", strerror(errno));
        free(sp);
        return NULL;
    }
    if (save_shm(r, sp, err, errlen) < 0) {
        free_shm(sp);
        free(sp);
        return NULL;
    }
    /* The fork must not inherit breakpoint bytes: out for the fork, back in at once. */
    replay_breakpoint_bytes(r, false);
    pid_t child = r->th.n > 1 ? fork_threads(r, sp, err, errlen) : fork_one(r, sp, err, errlen);
    replay_breakpoint_bytes(r, true);
    if (child < 0 || (r->th.n <= 1 && settled_fork(child, sp, err, errlen) < 0)) {
        free_shm(sp);
        free(sp);
        return NULL;
    }
    sp->pid = child;
    sp->th = r->th;
    sp->th.v = xmalloc(sizeof *sp->th.v * (size_t)(r->th.n + 1));
    memcpy(sp->th.v, r->th.v, sizeof *sp->th.v * (size_t)r->th.n);
    uint64_t next = r->have_ev ? r->ev.index : r->tr.next_event;
    trace_reader_tell(&r->tr, next, &sp->pos);
    sp->brk = r->brk;
    sp->swap_mask = r->swap_mask;
    sp->at_exit = r->at_exit;
    sp->ended = r->ended;
    sp->end_is_stop = r->end_is_stop;
    memcpy(sp->end_message, r->end_message, sizeof sp->end_message);
    sp->nshared = r->nshared;
    sp->shared_size = xmalloc(sizeof *sp->shared_size * (size_t)(r->nshared + 1));
    for (int i = 0; i < r->nshared; i++) {
        char path[PATH_MAX + 16];
        struct stat st;
        snprintf(path, sizeof path, "%s/%d", r->shared_dir, i);
        sp->shared_size[i] = stat(path, &st) == 0 ? st.st_size : -1;
    }
    struct savepoint_set *set = set_of(r); /* (the session's first may be one at a hit) */
    sp->next = set->list;
    set->list = sp;
    return sp;
}

/* Whether the replay may stand just before its current arrival and be saved there: the
 * conditions under which the arrival's position and every counted breakpoint's count are exact. */
static const char *why_not_at_hit(struct replay *r)
{
    if (!r->alive || r->has_failed)
        return "the replayed process no longer runs";
    if (!r->at_hit || r->after_watch_pc)
        return "the replay is not stopped at a breakpoint arrival it counted";
    if (r->ev_begun || r->deliver_sig || r->delivering)
        return "a signal is being delivered";
    return NULL;
}

/* Why no save point can be made at the arrival the replay stands before (NULL: one can). */
static const char *why_no_hit_save(struct replay *r)
{
    if (r->nwatches)
        return "data breakpoints are set (their counts are not kept)";
    if (r->signal_point || (r->have_ev && r->ev.kind == EV_SIGNAL))
        return "a signal event comes next";
    return NULL;
}

int replay_save_at_hit(struct replay *r, struct replay_savepoint **out, char *err, size_t errlen)
{
    *out = NULL;
    const char *no = why_not_at_hit(r);
    if (no) {
        snprintf(err, errlen, "no save point at a hit: %s", no);
        return -1;
    }
    tracee_get_regs(&r->t);
    struct breakpoint *bp = replay_breakpoint_at(r, r->t.regs.rip);
    if (!bp || !(bp->owners & BP_USER) || !bp->counted || bp->hits < 1) {
        snprintf(err, errlen, "no save point at a hit: no counted breakpoint at pc %#llx",
                 (unsigned long long)r->t.regs.rip);
        return -1;
    }
    /* 1. Stand just before the arrival: the next run reports it again with the same count. */
    bp->hits--;
    r->at_hit = false;
    r->after_watch_pc = bp->addr;
    r->base.n = 0;
    for (int i = 0; i < r->nbps; i++)
        if ((r->bps[i].owners & BP_USER) && r->bps[i].counted && r->base.n < REPLAY_MAX_BREAKPOINTS)
            r->base.at[r->base.n++] = (struct hit_count){r->bps[i].addr, r->bps[i].hits};
    r->base.valid = true;
    /* 2. A save point of that moment (none when its counts could not be trusted after a restore) */
    if ((no = why_no_hit_save(r))) {
        snprintf(err, errlen, "no save point at a hit: %s", no);
        return 0;
    }
    struct replay_savepoint *sp = make(r, err, errlen);
    if (!sp)
        return 0;
    sp->at_hit = true;
    sp->hit_pc = bp->addr;
    sp->ncounts = r->base.n;
    sp->counts = xmalloc(sizeof *sp->counts * (size_t)(r->base.n + 1));
    memcpy(sp->counts, r->base.at, sizeof *sp->counts * (size_t)r->base.n);
    *out = sp;
    return 0;
}

bool replay_savepoint_hit(const struct replay_savepoint *sp, uint64_t *pc, const struct hit_count **counts,
                          int *n)
{
    if (!sp->at_hit)
        return false;
    *pc = sp->hit_pc;
    *counts = sp->counts;
    *n = sp->ncounts;
    return true;
}

pid_t replay_fork_now(struct replay *r, struct user_regs_struct *regs,
                      struct user_fpregs_struct *fpregs, char *err, size_t errlen)
{
    if (!r->alive || r->has_failed) {
        snprintf(err, errlen, "the replayed process no longer runs");
        return -1;
    }
    if (r->ev_begun || r->deliver_sig) {
        snprintf(err, errlen, "not possible while a signal is being delivered");
        return -1;
    }
    reap_dying(set_of(r), false);
    tracee_get_regs(&r->t);
    *regs = r->t.regs;
    if (ptrace(PTRACE_GETFPREGS, r->t.pid, 0, fpregs) < 0) {
        snprintf(err, errlen, "cannot read the FP registers: %s", strerror(errno));
        return -1;
    }
    /* As replay_save, at any stop (a syscall stop, or a breakpoint/step stop: injecting at rip
     * works anywhere); the fork holds no breakpoint bytes and no patch. */
    replay_breakpoint_bytes(r, false);
    struct syscall_site site;
    pid_t child = -1;
    if (tracee_syscall_site_open(&r->t, regs->rip, &site) < 0)
        snprintf(err, errlen, "cannot place a syscall instruction at pc %#llx",
                 (unsigned long long)regs->rip);
    else
        child = tracee_fork_stopped(&r->t, site.addr, err, errlen);
    tracee_syscall_site_close(&r->t, &site);
    replay_breakpoint_bytes(r, true);
    if (child > 0 && site.patched && poke(child, site.addr, site.orig, 2) < 0) {
        snprintf(err, errlen, "cannot write into the fork %d", child);
        tracee_kill_reap(child);
        return -1;
    }
    return child;
}

void replay_kill_fork(pid_t pid) { tracee_kill_reap(pid); }

int replay_restore(struct replay *r, struct replay_savepoint *sp, char *err, size_t errlen)
{
    if (!sp->pid) {
        snprintf(err, errlen, "the save point's process is gone");
        return -1;
    }
    reap_dying(set_of(r), false);
    r->maps_generation++; /* the save point's mappings, not necessarily the current ones */
    /* 1. A fresh fork of the save point; until it exists the session is untouched. */
    struct user_regs_struct probe;
    if (ptrace(PTRACE_GETREGS, sp->copy.pid ? sp->copy.tids[sp->running].copy : sp->pid, 0,
               &probe) < 0) {
        int status; /* killed from outside: reap it (tracee_* would treat it as fatal) */
        if (sp->copy.pid)
            thread_copy_kill(&sp->copy);
        else
            waitpid(sp->pid, &status, __WALL | WNOHANG);
        sp->pid = 0;
        snprintf(err, errlen, "the save point's process is gone");
        return -1;
    }
    struct thread_copy copy = {0};
    pid_t child = fork_savepoint(sp, &copy, err, errlen);
    if (child < 0)
        return -1;

    /* 2. It replaces the replayed process (every thread of it); each recorded tid maps to its
     * thread in the new one, which is in its place of the save (thread_fork.h). */
    kill_live(r);
    take_threads(r, sp, &copy, child);
    thread_copy_free(&copy);
    tracee_detach_mem(&r->t);
    r->t.pid = child;
    r->t.regs = sp->regs;
    r->alive = true;
    if (tracee_attach_mem(&r->t) < 0)
        fatal("cannot open the memory of process %d: %s", child, strerror(errno));
    for (int i = 0; i < sp->nshared && i < r->nshared; i++) {
        char path[PATH_MAX + 16];
        snprintf(path, sizeof path, "%s/%d", r->shared_dir, i);
        if (sp->shared_size[i] >= 0 && truncate(path, sp->shared_size[i]) < 0)
            warn("cannot put back the size of %s: %s", path, strerror(errno));
    }
    for (int i = 0; i < sp->nshm; i++)
        replay_write_around(r, sp->shm[i].addr, sp->shm[i].bytes, (uint32_t)sp->shm[i].len);

    /* 3. The replay state of that moment. Carried in the save point: the log position, brk,
     * swap_mask, the end flags, the shared copies' sizes. Reset (a save point is made between
     * events, at a syscall stop, with nothing under way): have_ev, ev_begun, deliver_sig,
     * delivering, stop_lost, after_watch_pc, the hit counts, has_failed, a pause. Kept (they do not
     * depend on the process): unpatchable (the code at a point is the recording's), the breakpoint
     * set and the signal point's entry (armed anew below; approach_signal_point moves the entry to
     * the next event's point). Never at a stop: a signal point's patch or stub page (they exist only
     * inside replay_run_to_signal_point). The registers are the save's exactly: r11 included, which a
     * single-stepped syscall no longer leaves with our trap flag (replay.c, step_once). */
    r->brk = sp->brk;
    r->swap_mask = sp->swap_mask;
    r->have_ev = false; /* re-read from the log: the event at sp->pos.event comes next */
    r->after_watch_pc = 0; /* a new process: no watch stop stands in it */
    /* at a boundary: nothing counted yet since it (hits of an earlier run in this event are stale) */
    r->watch_hits = 0;
    for (int i = 0; i < r->nbps; i++) {
        r->bps[i].hits = 0;
        r->bps[i].counted = true;
    }
    r->mid_event = false;
    r->at_hit = false;
    r->base.valid = false;
    if (sp->at_hit) {
        /* mid-event, just before the arrival at hit_pc: the saved counts, taken over by the
         * breakpoints set now and by the next set (until user code runs) */
        r->mid_event = true;
        r->after_watch_pc = sp->hit_pc;
        r->base.n = sp->ncounts;
        memcpy(r->base.at, sp->counts, sizeof *sp->counts * (size_t)sp->ncounts);
        r->base.valid = true;
        for (int i = 0; i < r->nbps; i++) {
            r->bps[i].counted = false;
            for (int j = 0; j < sp->ncounts; j++)
                if (sp->counts[j].addr == r->bps[i].addr) {
                    r->bps[i].hits = sp->counts[j].hits;
                    r->bps[i].counted = true;
                }
        }
    }
    r->ev_begun = false;
    r->deliver_sig = 0;
    r->delivering = false;
    r->stop_lost = false;
    r->at_exit = sp->at_exit;
    r->ended = sp->ended;
    r->end_is_stop = sp->end_is_stop;
    memcpy(r->end_message, sp->end_message, sizeof r->end_message);
    r->has_failed = false;
    r->pause_requested = 0;
    /* shared copy files made later may hold later bytes: never reuse them (fresh copies) */
    for (int i = sp->nshared; i < r->nshared; i++)
        r->shared[i].dev = r->shared[i].ino = UINT64_MAX;

    /* 4. The log from the save point's event: the saved block first, the start if that fails. */
    if (trace_reader_seek(&r->tr, &sp->pos) < 0) {
        struct trace_pos start = {0, 0, sp->pos.event};
        if (trace_reader_seek(&r->tr, &start) < 0) {
            snprintf(err, errlen, "%s", r->tr.error);
            r->has_failed = true;
            memset(&r->failed, 0, sizeof r->failed);
            r->failed.reason = RSTOP_ERROR;
            r->failed.error_code = 4;
            r->failed.event = sp->pos.event;
            snprintf(r->failed.message, sizeof r->failed.message, "%s", r->tr.error);
            return -1;
        }
    }

    /* 5. The current breakpoints, armed in a process whose memory holds none; one on the
     * syscall instruction injections go through stays out until the next resume (as advance
     * leaves one it stepped onto a syscall stop). */
    for (int i = 0; i < r->nbps; i++)
        r->bps[i].inserted = false;
    r->unarmed_bp = 0;
    replay_arm_breakpoints(r);
    struct breakpoint *on_site = sp->patched ? NULL : replay_breakpoint_at(r, sp->inj);
    if (on_site) {
        tracee_write(&r->t, on_site->addr, &on_site->saved, 1);
        r->unarmed_bp = on_site->addr;
    }
    return 0;
}

uint64_t replay_savepoint_event(const struct replay_savepoint *sp) { return sp->pos.event; }

pid_t replay_savepoint_pid(const struct replay_savepoint *sp) { return sp->pid; }

/* Sums the "<field>: N kB" lines of a /proc file, in bytes. */
static size_t proc_kb(pid_t pid, const char *file, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/%s", pid, file);
    FILE *f = fopen(path, "re");
    size_t total = 0, len = strlen(field);
    unsigned long kb;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, field, len) && line[len] == ':' && sscanf(line + len + 1, "%lu", &kb) == 1)
            total += (size_t)kb * 1024;
    if (f)
        fclose(f);
    return total;
}

size_t replay_savepoint_memory(const struct replay_savepoint *sp)
{
    if (!sp->pid)
        return sp->shm_total;
    return sp->shm_total + proc_kb(sp->pid, "smaps_rollup", "Private_Dirty") +
           proc_kb(sp->pid, "status", "VmPTE");
}

void replay_savepoint_free(struct replay *r, struct replay_savepoint *sp)
{
    if (!sp)
        return;
    struct savepoint_set *set = set_of(r);
    for (struct replay_savepoint **p = &set->list; *p; p = &(*p)->next)
        if (*p == sp) {
            *p = sp->next;
            break;
        }
    if (sp->copy.pid)
        thread_copy_kill(&sp->copy); /* (a thread group: reaped thread by thread, now) */
    else
        kill_later(set, sp->pid);
    reap_dying(set, false);
    free_shm(sp);
    free(sp);
}

void replay_free_savepoints(struct replay *r)
{
    if (!r->savepoints)
        return;
    while (r->savepoints->list)
        replay_savepoint_free(r, r->savepoints->list);
    reap_dying(r->savepoints, true);
    free(r->savepoints);
    r->savepoints = NULL;
}
