/* replay_threads.c: see replay_threads.h. */
#include "replay_threads.h"
#include "leader_end.h"
#include "replay_internal.h"
#include "syscall_table.h"
#include "tracee.h"
#include "util.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static struct replay_thread *find_recorded(struct replay_threads *th, uint32_t tid)
{
    for (int i = 0; i < th->n; i++)
        if (th->v[i].recorded == tid)
            return &th->v[i];
    return NULL;
}

static struct replay_thread *find_live(struct replay_threads *th, pid_t tid)
{
    for (int i = 0; i < th->n; i++)
        if (th->v[i].live == tid)
            return &th->v[i];
    return NULL;
}

static struct replay_thread *add(struct replay_threads *th, uint32_t recorded, pid_t live)
{
    if (th->n == th->cap) {
        int cap = th->cap ? 2 * th->cap : 16;
        struct replay_thread *v = realloc(th->v, (size_t)cap * sizeof *v);
        if (!v)
            fatal("out of memory");
        th->v = v;
        th->cap = cap;
    }
    th->v[th->n] = (struct replay_thread){.recorded = recorded, .live = live};
    return &th->v[th->n++];
}

/* The current thread: known once the recording named its first thread. */
static struct replay_thread *current(struct replay *r)
{
    return find_live(&r->th, r->t.pid);
}

int replay_thread_switch(struct replay *r, const struct trace_event *ev)
{
    if (r->th.n == 0) {
        /* the first THREAD event names the main thread (docs/trace-format.md, kind 8) */
        r->th.main_live = r->th.group_live = r->t.pid;
        r->th.main_recorded = ev->thread.tid;
        add(&r->th, ev->thread.tid, r->t.pid);
        return 0;
    }
    struct replay_thread *t = find_recorded(&r->th, ev->thread.tid);
    if (!t) {
        char got[160];
        snprintf(got, sizeof got, "no thread %u in the replay (it was never created, or it ended)",
                 ev->thread.tid);
        return replay_diverged(r, ev, got);
    }
    r->t.pid = t->live;
    tracee_get_regs(&r->t);
    return 0;
}

/* The flags of the clone or clone3 at the current thread's entry (clone3: read from memory). */
static uint64_t clone_flags(struct replay *r, const struct trace_event *ev)
{
    uint64_t flags = 0;
    if (ev->sys.nr == SYS_clone)
        flags = ev->sys.args[0];
    else if (ev->sys.nr == SYS_clone3 && ev->sys.args[0])
        tracee_read(&r->t, ev->sys.args[0], &flags, sizeof flags);
    return flags;
}

bool replay_creates_thread(struct replay *r, const struct trace_event *ev)
{
    if (ev->sys.nr != SYS_clone && ev->sys.nr != SYS_clone3)
        return false;
    return (clone_flags(r, ev) & CLONE_THREAD) && ev->sys.result > 0;
}

/* Where the kernel writes the child's tid with CLONE_CHILD_SETTID (clone: arg 3; clone3:
 * clone_args.child_tid at offset 16). */
static uint64_t child_tid_addr(struct replay *r, const struct trace_event *ev)
{
    if (ev->sys.nr == SYS_clone)
        return ev->sys.args[3];
    uint64_t addr = 0;
    tracee_read(&r->t, ev->sys.args[0] + 16, &addr, sizeof addr);
    return addr;
}

/*
 * The clone runs for real with CLONE_PTRACE added (the new thread is ours from birth and starts in
 * a SIGSTOP stop; no PTRACE_EVENT_CLONE stop for the creator), then the program is given what the
 * recording says: the recorded tid as the result and in the words the kernel wrote.
 */
int replay_thread_clone(struct replay *r, const struct trace_event *ev)
{
    uint64_t a[6];
    memcpy(a, ev->sys.args, sizeof a);
    uint64_t flags = clone_flags(r, ev), traced = flags | CLONE_PTRACE;
    if (ev->sys.nr == SYS_clone)
        a[0] = traced;
    else
        tracee_write(&r->t, a[0], &traced, sizeof traced);
    tracee_get_regs(&r->t);
    int64_t live = replay_inject(r, ev->sys.nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    if (ev->sys.nr == SYS_clone3)
        tracee_write(&r->t, a[0], &flags, sizeof flags);
    if (live <= 0) {
        char got[120];
        snprintf(got, sizeof got, "the thread's clone failed in the replay (result %ld)", (long)live);
        return replay_diverged(r, ev, got);
    }
    int status;
    while (waitpid((pid_t)live, &status, __WALL) < 0)
        if (errno != EINTR)
            return replay_diverged(r, ev, "the new thread could not be followed");
    if (!WIFSTOPPED(status))
        return replay_diverged(r, ev, "the new thread did not start");
    if (ev->sys.nr == SYS_clone) {
        /* the thread starts with the creator's registers: rdi as the program passed it */
        struct tracee child = {.pid = (pid_t)live, .mem_fd = r->t.mem_fd};
        tracee_get_regs(&child);
        child.regs.rdi = ev->sys.args[0];
        tracee_set_regs(&child);
    }
    if (r->th.n == 0)
        r->th.main_live = r->th.group_live = r->t.pid; /* (a trace names the main thread first) */
    struct replay_thread *creator = current(r);
    char name[sizeof creator->name] = "";
    if (creator)
        memcpy(name, creator->name, sizeof name);
    memcpy(add(&r->th, (uint32_t)ev->sys.result, (pid_t)live)->name, name, sizeof name);
    uint32_t recorded = (uint32_t)ev->sys.result;
    if (flags & CLONE_CHILD_SETTID) {
        uint64_t at = child_tid_addr(r, ev);
        if (at)
            tracee_write(&r->t, at, &recorded, sizeof recorded);
    }
    return replay_apply_syscall(r, ev); /* the recorded result and parent_tid word */
}

bool replay_ends_thread(struct replay *r, const struct trace_event *ev)
{
    return ev->sys.nr == SYS_exit && r->th.n > 0 && (r->t.pid != r->th.main_live || r->th.n > 1);
}

/* The main thread ends while others run (pthread_exit in main): its exit runs for real, as the
 * program made it, and it is followed until it is a zombie (leader_end.h). 0, or -1 (reported). */
static int end_main_thread(struct replay *r, const struct trace_event *ev)
{
    tracee_get_regs(&r->t);
    r->t.regs.rip -= 2; /* (the syscall instruction, run again as exit with the recorded code) */
    r->t.regs.rax = SYS_exit;
    r->t.regs.orig_rax = (uint64_t)-1; /* the syscall stopped at is skipped */
    r->t.regs.rdi = ev->sys.args[0];
    tracee_set_regs(&r->t);
    if (ptrace(PTRACE_SYSCALL, r->t.pid, 0, 0) < 0)
        return replay_diverged(r, ev, "the main thread could not be resumed into its exit");
    int status;
    if (leader_follow_to_end(r->t.pid, &status) != 0) {
        char got[120];
        snprintf(got, sizeof got, "the main thread did not end as recorded (wait status %#x)", status);
        return replay_diverged(r, ev, got);
    }
    return 0;
}

int replay_thread_exit(struct replay *r, const struct trace_event *ev)
{
    pid_t tid = r->t.pid;
    tracee_get_regs(&r->t);
    if (tid == r->th.group_live) {
        if (end_main_thread(r, ev) < 0)
            return -1;
    } else {
        int status = 0;
        int64_t got = tracee_inject_syscall(&r->t, r->t.regs.rip - 2, SYS_exit, ev->sys.args, 0,
                                            &status);
        if (got != INJECT_DIED)
            return replay_diverged(r, ev, "the thread did not end");
    }
    struct replay_thread *t = find_live(&r->th, tid);
    if (t)
        *t = r->th.v[--r->th.n];
    /* (the next event names its thread; meanwhile one that lives: memory is read through it) */
    r->t.pid = find_live(&r->th, r->th.main_live) || !r->th.n ? r->th.main_live : r->th.v[0].live;
    /* what the kernel wrote as the thread ended: its robust mutexes' words (record_thread_end.h) */
    return replay_apply_writes(r, ev);
}

int replay_thread_enter(struct replay *r, const struct trace_event *ev, const struct stop_info *s)
{
    struct replay_thread *t = current(r);
    tracee_get_regs(&r->t);
    uint64_t a[6];
    regs_syscall_args(&r->t.regs, a);
    if (t && s->kind == STOP_SYSCALL && regs_syscall_nr(&r->t.regs) == ev->enter.nr &&
        !memcmp(a, ev->enter.args, sizeof a)) {
        t->entered = true;
        return 0;
    }
    const char *name = syscall_name(ev->enter.nr);
    char got[256];
    if (s->kind == STOP_SYSCALL)
        snprintf(got, sizeof got, "thread %d entered %s(%#lx, %#lx, ...), not %s", r->t.pid,
                 syscall_name(regs_syscall_nr(&r->t.regs)) ? syscall_name(regs_syscall_nr(&r->t.regs)) : "?",
                 (unsigned long)a[0], (unsigned long)a[1], name ? name : "?");
    else
        snprintf(got, sizeof got, "another stop (0x%x) before entering %s", s->status,
                 name ? name : "?");
    return replay_diverged(r, ev, got);
}

int replay_thread_resumed(struct replay *r, const struct trace_event *ev)
{
    struct replay_thread *t = current(r);
    tracee_get_regs(&r->t);
    if (!t || !t->entered || ev->sys.nr != (int32_t)regs_syscall_nr(&r->t.regs))
        return replay_diverged(r, ev, "the thread is not inside that syscall");
    t->entered = false;
    return replay_apply_syscall(r, ev);
}

/* Ends live thread tid, in any ptrace stop, by an exit run at insn (a syscall instruction of
 * the shared address space); the group leader is left a zombie. 0, or -1 (err set). */
static int end_thread_at(struct replay *r, pid_t tid, uint64_t insn, char *err, size_t errlen)
{
    struct tracee other = {.pid = tid, .mem_fd = r->t.mem_fd};
    tracee_get_regs(&other);
    int status = 0;
    if (tid == r->th.group_live) {
        other.regs.rip = insn;
        other.regs.rax = SYS_exit;
        other.regs.orig_rax = (uint64_t)-1; /* (no restart of a syscall it stopped in) */
        other.regs.rdi = 0;
        tracee_set_regs(&other);
        if (ptrace(PTRACE_SYSCALL, tid, 0, 0) == 0 && leader_follow_to_end(tid, &status) == 0)
            return 0;
    } else {
        uint64_t args[6] = {0};
        if (tracee_inject_syscall(&other, insn, SYS_exit, args, 0, &status) == INJECT_DIED)
            return 0;
    }
    snprintf(err, errlen, "thread %d did not end at the execve (wait status %#x)", tid, status);
    return -1;
}

int replay_threads_exec(struct replay *r, const struct trace_event *ev)
{
    if (r->th.n == 0 || (r->th.n == 1 && r->t.pid == r->th.group_live))
        return 0;
    tracee_get_regs(&r->t);
    uint64_t insn = r->t.regs.rip - 2; /* the execve's syscall instruction */
    pid_t self = r->t.pid;
    char err[160];
    for (int i = 0; i < r->th.n; i++)
        if (r->th.v[i].live != self && end_thread_at(r, r->th.v[i].live, insn, err, sizeof err) < 0)
            return replay_diverged(r, ev, err);
    r->t.pid = self;
    /* (named "" like a fresh program: the kernel names it after the new executable) */
    r->th.v[0] = (struct replay_thread){.recorded = r->th.main_recorded, .live = self};
    r->th.n = 1;
    r->th.main_live = self;
    return 0;
}

void replay_thread_note_name(struct replay *r, const struct trace_event *ev)
{
    if (ev->sys.nr != SYS_prctl || ev->sys.args[0] != PR_SET_NAME || ev->sys.result != 0)
        return;
    struct replay_thread *t = current(r);
    if (!t)
        return;
    char name[sizeof t->name] = ""; /* the kernel keeps at most 15 bytes */
    for (size_t i = 0; i + 1 < sizeof name; i++)
        if (tracee_read(&r->t, ev->sys.args[1] + i, &name[i], 1) != 0 || !name[i])
            break;
    memcpy(t->name, name, sizeof name);
}

uint32_t replay_current_thread(struct replay *r)
{
    struct replay_thread *t = current(r);
    return t ? t->recorded : 0;
}

bool replay_thread_exists(struct replay *r, pid_t live)
{
    return r->th.n == 0 || find_live(&r->th, live) != NULL;
}

int replay_thread_total(struct replay *r) { return r->th.n; }

const struct replay_thread *replay_thread_at(struct replay *r, int i) { return &r->th.v[i]; }

pid_t replay_thread_live(struct replay *r, uint32_t recorded)
{
    struct replay_thread *t = find_recorded(&r->th, recorded);
    return t ? t->live : 0;
}

/* Reaps thread tid (killed), continuing it through its PTRACE_EVENT_EXIT stop. */
static void reap(pid_t tid)
{
    int status;
    while (waitpid(tid, &status, __WALL) > 0 && !WIFEXITED(status) && !WIFSIGNALED(status))
        ptrace(PTRACE_CONT, tid, 0, 0);
}

void replay_threads_close(struct replay *r)
{
    if (r->alive) {
        pid_t leader = r->th.group_live ? r->th.group_live : r->th.main_live;
        kill(leader, SIGKILL);
        /* the group leader is reported last, once every other thread is reaped */
        for (int i = 0; i < r->th.n; i++)
            if (r->th.v[i].live != leader)
                reap(r->th.v[i].live);
        reap(leader);
        r->alive = false;
        r->t.pid = leader; /* (reaped: replay_close finds it gone) */
    } else {
        r->t.pid = r->th.main_live;
    }
    free(r->th.v);
    memset(&r->th, 0, sizeof r->th);
}
