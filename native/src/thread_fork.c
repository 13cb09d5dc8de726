/*
 * thread_fork.c: see thread_fork.h. The order of work: check that every thread is known and
 * stopped; open one injection site (a `syscall` instruction) and one scratch area for the whole
 * process (memory is shared by its threads); read every thread's state; fork through the lead;
 * put the source threads back; in the copy, clone one thread per other source thread from the
 * lead's copy, give each copy thread its source's state, and take the site and scratch bytes out.
 */
#include "thread_fork.h"
#include "tracee.h"
#include "util.h"
#include "proc_info.h"

#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define SCRATCH_LEN 256

/* The thread-group id of tid, or -1. */
static pid_t tgid_of(pid_t tid)
{
    char path[64], line[128];
    snprintf(path, sizeof path, "/proc/%d/status", tid);
    FILE *f = fopen(path, "re");
    pid_t tgid = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "Tgid: %d", &tgid) == 1)
            break;
    if (f)
        fclose(f);
    return tgid;
}

/* The tids of process pid's threads (malloc'd; ended ones included), their count, or -1. */
static int list_tasks(pid_t pid, pid_t **out)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", pid);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int n = 0, cap = 16;
    pid_t *tids = xmalloc(sizeof *tids * (size_t)cap);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        if (n == cap)
            tids = xrealloc(tids, sizeof *tids * (size_t)(cap *= 2));
        tids[n++] = atoi(e->d_name);
    }
    closedir(d);
    *out = tids;
    return n;
}

/* Refuses unless tids[0..n) are exactly the live threads of one process, each in a stop a copy can
 * be made at. Its pid, or -1 with err. */
static pid_t check_threads(const pid_t *tids, int n, int lead, char *err, size_t errlen)
{
    if (n < 1 || lead < 0 || lead >= n) {
        snprintf(err, errlen, "no copy: %d threads, lead %d", n, lead);
        return -1;
    }
    pid_t pid = tgid_of(tids[lead]);
    pid_t *live = NULL;
    int nlive = pid > 0 ? list_tasks(pid, &live) : -1;
    if (nlive < 0) {
        snprintf(err, errlen, "no copy: thread %d is gone", tids[lead]);
        return -1;
    }
    int known = 0;
    for (int i = 0; i < nlive; i++) {
        if (proc_task_ended(live[i]))
            continue; /* (nothing to copy: the copy has no such thread) */
        int found = 0;
        for (int j = 0; j < n; j++)
            found |= tids[j] == live[i];
        if (!found) {
            snprintf(err, errlen, "no copy: thread %d of process %d is not among the stopped "
                                  "threads given", live[i], pid);
            free(live);
            return -1;
        }
        known++;
    }
    free(live);
    if (known != n) {
        snprintf(err, errlen, "no copy: %d threads given, process %d has %d", n, pid, known);
        return -1;
    }
    for (int i = 0; i < n; i++) /* (before any is touched) */
        if (thread_place_of(tids[i]) < 0) {
            snprintf(err, errlen, "no copy: thread %d is not in a stop a copy can be made at "
                                  "(not stopped, or a ptrace event or seccomp stop)", tids[i]);
            return -1;
        }
    return pid;
}

/* Waits for new thread tid's first stop (SIGSTOP, or PTRACE_EVENT_STOP for a seized tracer). */
static int wait_first_stop(pid_t tid, char *err, size_t errlen)
{
    int status;
    while (waitpid(tid, &status, __WALL) < 0)
        if (errno != EINTR) {
            snprintf(err, errlen, "cannot wait for the new thread %d: %s", tid, strerror(errno));
            return -1;
        }
    if (!WIFSTOPPED(status) ||
        (WSTOPSIG(status) != SIGSTOP && (status >> 16) != PTRACE_EVENT_STOP)) {
        snprintf(err, errlen, "the new thread %d did not stop as expected (status %#x)", tid,
                 status);
        return -1;
    }
    return 0;
}

pid_t thread_clone_into(pid_t leader, int mem_fd, const struct thread_fork_state *st, uint64_t inj,
                        char *err, size_t errlen)
{
    const uint64_t flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
                           CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PTRACE | CLONE_UNTRACED;
    struct tracee t = {.pid = leader, .mem_fd = mem_fd};
    tracee_get_regs(&t);
    uint64_t args[6] = {flags, st->regs.rsp, 0, 0, st->regs.fs_base, 0};
    int64_t tid = tracee_inject_syscall(&t, inj, SYS_clone, args, 0, NULL);
    if (tid == INJECT_DIED || tid <= 0) {
        snprintf(err, errlen, "cannot create a thread in process %d: %s", leader,
                 tid == INJECT_DIED ? "it died" : strerror((int)-tid));
        return -1;
    }
    return wait_first_stop((pid_t)tid, err, errlen) < 0 ? -1 : (pid_t)tid;
}

/* Clones, in the copy (its leader stopped), one thread per source thread but the lead.
 * copy->tids[i].copy are filled as they are made (0 until then). 0, or -1 with err. */
static int clone_threads(struct thread_copy *copy, int mem, const struct thread_fork_state *st,
                         int n, int lead, uint64_t inj, char *err, size_t errlen)
{
    for (int i = 0; i < n; i++) {
        if (i == lead)
            continue;
        pid_t tid = thread_clone_into(copy->pid, mem, &st[i], inj, err, errlen);
        if (tid < 0)
            return -1;
        copy->tids[i].copy = tid;
    }
    return 0;
}

/* Makes the copy's threads and gives them their state (the copy's leader in its first stop). */
static int build_copy(struct thread_copy *copy, const struct thread_fork_state *st, int n,
                      int lead, uint64_t inj, uint64_t scratch, const struct syscall_site *site,
                      const uint8_t *scratch_bytes, char *err, size_t errlen)
{
    struct tracee t = {.pid = copy->pid, .mem_fd = -1};
    if (tracee_attach_mem(&t) < 0) {
        snprintf(err, errlen, "cannot open the memory of the copy %d: %s", copy->pid,
                 strerror(errno));
        return -1;
    }
    int rc = clone_threads(copy, t.mem_fd, st, n, lead, inj, err, errlen);
    for (int i = 0; i < n && rc == 0; i++)
        rc = thread_state_apply(copy->tids[i].copy, &st[i], inj, scratch, i == lead, err, errlen);
    if (rc == 0 && (tracee_write(&t, scratch, scratch_bytes, SCRATCH_LEN) < 0 ||
                    (site->patched && tracee_write(&t, site->addr, site->orig, 2) < 0))) {
        snprintf(err, errlen, "cannot write into the copy %d", copy->pid);
        rc = -1;
    }
    tracee_detach_mem(&t);
    return rc;
}

/* Reads every thread's state and forks through the lead; the source threads are put back in
 * their places. The copy's leader (in its first stop), or -1 with err. */
static pid_t read_and_fork(struct tracee *lt, const pid_t *tids, int n, int lead,
                           unsigned flags, struct thread_fork_state *st, const struct syscall_site *site,
                           uint64_t scratch, char *err, size_t errlen)
{
    int nread = 0;
    pid_t child = -1;
    for (; nread < n; nread++)
        if (thread_state_read(tids[nread], site->addr, scratch, flags, &st[nread], err,
                              errlen) < 0)
            break;
    if (nread == n) {
        lt->regs = st[lead].regs;
        child = tracee_fork_stopped(lt, site->addr, err, errlen);
    } else {
        thread_state_free(&st[nread]); /* (the one that failed) */
    }
    char err2[256];
    for (int i = 0; i < nread; i++) {
        if (thread_state_place(tids[i], &st[i], err2, sizeof err2) == 0)
            continue;
        warn("thread %d of the source not put back: %s", tids[i], err2);
        if (child > 0) {
            snprintf(err, errlen, "%s", err2);
            tracee_kill_reap(child);
            child = -1;
        }
    }
    return nread == n ? child : -1;
}

/* One injection site and one scratch area for the whole process, through thread lead. */
struct process_site {
    struct tracee lt;                   /* the lead thread, its memory open */
    uint64_t scratch;
    uint8_t scratch_bytes[SCRATCH_LEN]; /* what was there (put back) */
    struct syscall_site site;
};

static int open_process_site(pid_t lead, struct process_site *ps, char *err, size_t errlen)
{
    ps->lt = (struct tracee){.pid = lead, .mem_fd = -1};
    if (tracee_attach_mem(&ps->lt) < 0) {
        snprintf(err, errlen, "cannot open the memory of thread %d: %s", lead, strerror(errno));
        return -1;
    }
    tracee_get_regs(&ps->lt);
    ps->scratch = tracee_scratch(&ps->lt);
    if (tracee_read(&ps->lt, ps->scratch, ps->scratch_bytes, SCRATCH_LEN) < 0 ||
        tracee_syscall_site_open(&ps->lt, ps->lt.regs.rip, &ps->site) < 0) {
        snprintf(err, errlen, "no copy: no scratch memory or syscall site near thread %d's "
                              "stack and pc", lead);
        tracee_detach_mem(&ps->lt);
        return -1;
    }
    return 0;
}

static void close_process_site(struct process_site *ps)
{
    tracee_syscall_site_close(&ps->lt, &ps->site);
    tracee_write(&ps->lt, ps->scratch, ps->scratch_bytes, SCRATCH_LEN);
    tracee_detach_mem(&ps->lt);
}

int thread_states_read(const pid_t *tids, int n, int lead, unsigned flags,
                       struct thread_fork_state *st, char *err, size_t errlen)
{
    struct process_site ps;
    if (check_threads(tids, n, lead, err, errlen) < 0 ||
        open_process_site(tids[lead], &ps, err, errlen) < 0)
        return -1;
    int nread = 0;
    for (; nread < n; nread++)
        if (thread_state_read(tids[nread], ps.site.addr, ps.scratch, flags, &st[nread], err,
                              errlen) < 0)
            break;
    if (nread < n)
        thread_state_free(&st[nread]);
    int rc = nread == n ? 0 : -1;
    char err2[256];
    for (int i = 0; i < nread; i++)
        if (thread_state_place(tids[i], &st[i], err2, sizeof err2) < 0) {
            snprintf(err, errlen, "thread %d not put back: %s", tids[i], err2);
            rc = -1;
        }
    close_process_site(&ps);
    if (rc < 0)
        for (int i = 0; i < nread; i++)
            thread_state_free(&st[i]);
    return rc;
}

/* Builds the copy from its leader child (in its first stop) and the threads' states; ps is the
 * source's site, closed there. 0, or -1 with err (the partial copy killed). */
static int finish_copy(struct thread_copy *copy, const pid_t *tids, int n, int lead,
                       const struct thread_fork_state *st, const struct process_site *ps,
                       pid_t child, char *err, size_t errlen)
{
    copy->pid = child;
    copy->nthreads = n;
    copy->tids = calloc((size_t)n, sizeof *copy->tids);
    if (!copy->tids)
        fatal("out of memory");
    for (int i = 0; i < n; i++)
        copy->tids[i].source = tids[i];
    copy->tids[lead].copy = child;
    int rc = build_copy(copy, st, n, lead, ps->site.addr, ps->scratch, &ps->site,
                        ps->scratch_bytes, err, errlen);
    if (rc < 0)
        thread_copy_kill(copy);
    return rc;
}

int thread_fork(const pid_t *tids, int n, int lead, unsigned flags, struct thread_copy *copy,
                char *err, size_t errlen)
{
    memset(copy, 0, sizeof *copy);
    struct process_site ps;
    if (check_threads(tids, n, lead, err, errlen) < 0 ||
        open_process_site(tids[lead], &ps, err, errlen) < 0)
        return -1;
    struct thread_fork_state *st = calloc((size_t)n, sizeof *st);
    if (!st)
        fatal("out of memory");
    pid_t child = read_and_fork(&ps.lt, tids, n, lead, flags, st, &ps.site, ps.scratch, err,
                                errlen);
    close_process_site(&ps);
    int rc = child > 0 ? finish_copy(copy, tids, n, lead, st, &ps, child, err, errlen) : -1;
    for (int i = 0; i < n; i++)
        thread_state_free(&st[i]);
    free(st);
    return rc;
}

/* Refuses unless every thread is where st says: same tid, place and general registers. */
static int check_unchanged(const pid_t *tids, int n, const struct thread_fork_state *st,
                           char *err, size_t errlen)
{
    for (int i = 0; i < n; i++) {
        struct user_regs_struct r;
        if (st[i].tid != tids[i] || thread_place_of(tids[i]) != (int)st[i].place ||
            ptrace(PTRACE_GETREGS, tids[i], 0, &r) < 0 || memcmp(&r, &st[i].regs, sizeof r)) {
            snprintf(err, errlen, "no copy: thread %d is not in the state given", tids[i]);
            return -1;
        }
    }
    return 0;
}

int thread_fork_known(const pid_t *tids, int n, int lead, const struct thread_fork_state *st,
                      struct thread_copy *copy, char *err, size_t errlen)
{
    memset(copy, 0, sizeof *copy);
    struct process_site ps;
    if (check_threads(tids, n, lead, err, errlen) < 0 ||
        check_unchanged(tids, n, st, err, errlen) < 0 ||
        open_process_site(tids[lead], &ps, err, errlen) < 0)
        return -1;
    ps.lt.regs = st[lead].regs;
    pid_t child = tracee_fork_stopped(&ps.lt, ps.site.addr, err, errlen);
    char err2[256];
    if (thread_state_place(tids[lead], &st[lead], err2, sizeof err2) < 0) {
        warn("thread %d of the source not put back: %s", tids[lead], err2);
        if (child > 0) {
            snprintf(err, errlen, "%s", err2);
            tracee_kill_reap(child);
            child = -1;
        }
    }
    close_process_site(&ps);
    return child > 0 ? finish_copy(copy, tids, n, lead, st, &ps, child, err, errlen) : -1;
}

int thread_copy_resume(const struct thread_copy *copy, int request, char *err, size_t errlen)
{
    for (int i = 0; i < copy->nthreads; i++)
        if (ptrace((enum __ptrace_request)request, copy->tids[i].copy, 0, 0) < 0) {
            snprintf(err, errlen, "cannot resume thread %d of the copy: %s", copy->tids[i].copy,
                     strerror(errno));
            return -1;
        }
    return 0;
}

/* Waits until thread tid (ours, being killed) is gone, letting it past exit stops. */
static void reap_thread(pid_t tid)
{
    int status;
    for (;;) {
        pid_t got = waitpid(tid, &status, __WALL);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || WIFEXITED(status) || WIFSIGNALED(status))
            return;
        ptrace(PTRACE_CONT, tid, 0, 0); /* a PTRACE_EVENT_EXIT stop */
    }
}

void thread_copy_kill(struct thread_copy *copy)
{
    if (copy->pid > 0) {
        kill(copy->pid, SIGKILL);
        /* the other threads first (a leader is reaped only after them), also any the copy made */
        for (int pass = 0; pass < 1000; pass++) { /* (bounded: each pass reaps or ends) */
            pid_t *tids = NULL;
            int n = list_tasks(copy->pid, &tids), others = 0;
            for (int i = 0; i < n; i++)
                if (tids[i] != copy->pid) {
                    others++;
                    reap_thread(tids[i]);
                }
            free(tids);
            if (others == 0)
                break;
        }
        reap_thread(copy->pid);
    }
    thread_copy_free(copy);
}

void thread_copy_free(struct thread_copy *copy)
{
    free(copy->tids);
    copy->tids = NULL;
    copy->nthreads = 0;
    copy->pid = 0;
}
