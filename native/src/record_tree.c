/* record_tree.c: see record_tree.h. */
#include "record_tree.h"
#include "children.h"
#include "children_output.h"
#include "record_settings.h"
#include "record_threads.h"
#include "trace_procs.h"
#include "tracee.h"
#include "util.h"
#include "proc_info.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define TREE_MAX 1024       /* processes recorded at the same time */
#define MAX_SUBS 1024       /* recorders one recorder started and has not reaped */
#define MAX_HOLDERS 64      /* threads of one process inside an output write at once */

/* Shared by every recorder of the tree (an anonymous shared mapping made by the root's). */
struct tree_shared {
    _Atomic uint64_t next_seq;            /* the next output's number in the global order */
    _Atomic pid_t lock_owner;             /* the recorder (agent pid) writing output, or 0 */
    _Atomic pid_t recorded[TREE_MAX];     /* tgids of the processes being recorded; 0: free */
    _Atomic pid_t recorder[TREE_MAX];     /* ... the agent recording each */
    _Atomic int release[TREE_MAX];        /* ... asked to let it run for real (a ptrace attach) */
};

static struct tree_shared *shared;        /* NULL: children are not recorded */
static char root_dir[PATH_MAX];           /* the trace folder */
static char my_dir[PATH_MAX];             /* this recorder's stream folder */
static int order_fd = -1;                 /* my_dir/order, opened at the first output */
static pid_t my_pid, my_ppid;             /* the process this agent records, and its parent */
static struct buf my_cmdline;             /* its command line, NUL-separated (last exec) */
static char my_exe[PATH_MAX];
static pid_t subs[MAX_SUBS];              /* recorders this one started, not reaped yet */
static int nsubs;
static pid_t expected[MAX_SUBS];          /* children forked whose first stop has not come */
static int nexpected;
static pid_t holders[MAX_HOLDERS];        /* our threads holding the output lock (entry..exit) */
static int nholders;
static char no_record[4096];              /* REWIND_NO_RECORD: comma-separated executable names */
static const struct program_settings *current_settings; /* this recorder's process's */
static struct program_settings inherited;                /* its parent's at the fork */
static bool have_inherited;

void tree_note_settings(const struct program_settings *current)
{
    current_settings = current;
}

void tree_inherit_settings(struct program_settings *s)
{
    if (!have_inherited)
        return;
    *s = inherited;
    s->answer = ANSWER_NONE; /* (the parent's syscall in progress is not the child's) */
}

static void set_cmdline_from(char *const *argv)
{
    my_cmdline.len = 0;
    for (int i = 0; argv && argv[i]; i++)
        buf_put(&my_cmdline, argv[i], strlen(argv[i]) + 1);
}

static void read_cmdline(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    my_cmdline.len = 0;
    char chunk[4096];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0 && my_cmdline.len < (1u << 20))
        buf_put(&my_cmdline, chunk, (size_t)n);
    close(fd);
    if (my_cmdline.len && my_cmdline.data[my_cmdline.len - 1] != 0)
        buf_u8(&my_cmdline, 0);
}

void tree_root_start(const char *trace_dir, pid_t pid, char *const *argv)
{
    snprintf(root_dir, sizeof root_dir, "%s", trace_dir);
    snprintf(my_dir, sizeof my_dir, "%s", trace_dir);
    my_pid = pid;
    my_ppid = getpid();
    set_cmdline_from(argv);
    const char *mode = getenv("REWIND_CHILDREN");
    const char *skip = getenv("REWIND_NO_RECORD");
    snprintf(no_record, sizeof no_record, "%s", skip ? skip : "");
    if (mode && strcmp(mode, "none") == 0)
        return;
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        warn("children are not recorded: mmap: %s", strerror(errno));
        shared = NULL;
        return;
    }
    atomic_store(&shared->recorded[0], pid);
}

/* ---- the set of recorded processes ---- */

static int slot_of(pid_t tgid)
{
    for (int i = 0; i < TREE_MAX; i++)
        if (atomic_load(&shared->recorded[i]) == tgid)
            return i;
    return -1;
}

static bool add_recorded(pid_t tgid)
{
    for (int i = 0; i < TREE_MAX; i++) {
        pid_t free_slot = 0;
        if (atomic_compare_exchange_strong(&shared->recorded[i], &free_slot, tgid)) {
            atomic_store(&shared->recorder[i], 0);
            atomic_store(&shared->release[i], 0);
            return true;
        }
    }
    return false;
}

static void remove_recorded(pid_t tgid)
{
    for (int i = 0; i < TREE_MAX; i++) {
        pid_t was = tgid;
        if (atomic_compare_exchange_strong(&shared->recorded[i], &was, 0))
            return;
    }
}

bool tree_is_recorded(pid_t tgid)
{
    if (!shared || tgid <= 0)
        return false;
    for (int i = 0; i < TREE_MAX; i++)
        if (atomic_load(&shared->recorded[i]) == tgid)
            return true;
    return false;
}

/* ---- the output lock and order ---- */

static void lock_output(void)
{
    pid_t me = getpid();
    if (atomic_load(&shared->lock_owner) == me)
        return;
    for (unsigned spins = 0;; spins++) {
        pid_t owner = 0;
        if (atomic_compare_exchange_strong(&shared->lock_owner, &owner, me))
            return;
        /* a recorder that died holding it (killed) gives it up */
        if (owner > 0 && kill(owner, 0) < 0 && errno == ESRCH &&
            atomic_compare_exchange_strong(&shared->lock_owner, &owner, me))
            return;
        usleep(spins < 100 ? 20 : 500);
    }
}

static void unlock_output(void)
{
    pid_t me = getpid();
    atomic_compare_exchange_strong(&shared->lock_owner, &me, 0);
}

static bool is_output_write(pid_t tid, long nr, const uint64_t args[6])
{
    switch (nr) {
    case SYS_write: case SYS_writev: case SYS_pwrite64: case SYS_pwritev: case SYS_pwritev2:
        break;
    default:
        return false;
    }
    int fd = (int)args[0];
    return same_open_file(tid, fd, 1) || same_open_file(tid, fd, 2);
}

/* A recorded process is about to ptrace-attach to target: if target is recorded too, its recorder
 * is asked to let it go (it runs for real from there, as children did before process trees), and
 * we wait until it has, so the attach succeeds as it would without rewind. */
static void release_target(pid_t target)
{
    pid_t tgid = proc_thread_group_of(target);
    int slot = tgid > 0 ? slot_of(tgid) : -1;
    if (slot < 0)
        return;
    atomic_store(&shared->release[slot], 1);
    for (int tries = 0; tries < 3000 && atomic_load(&shared->recorded[slot]) == tgid; tries++) {
        pid_t agent = atomic_load(&shared->recorder[slot]);
        if (agent > 0 && tries % 50 == 0)
            kill(agent, SIGALRM); /* (its flush timer's signal: it looks at once) */
        usleep(1000);
    }
}

bool tree_release_requested(void)
{
    int slot = shared ? slot_of(my_pid) : -1;
    return slot >= 0 && atomic_load(&shared->release[slot]);
}

void tree_released(void)
{
    if (shared)
        remove_recorded(my_pid);
}

bool tree_stop_signal(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

void tree_detach_running(pid_t pid)
{
    /* a SIGSTOP of ours, suppressed when it stops it: the stop to detach at; whatever stops it
     * first is let through (signals delivered), with no more syscall stops */
    if (syscall(SYS_tgkill, pid, pid, SIGSTOP) < 0)
        return;
    for (;;) {
        int status;
        if (waitpid_uninterrupted(pid, &status, __WALL) < 0 || !WIFSTOPPED(status))
            return;
        int sig = WSTOPSIG(status);
        bool delivery = (status >> 16) == 0 && sig != SIGTRAP && sig != (SIGTRAP | 0x80);
        if (delivery && sig == SIGSTOP) {
            children_untrap_tsc(pid);
            ptrace(PTRACE_DETACH, pid, 0, 0);
            return;
        }
        ptrace(PTRACE_CONT, pid, 0, delivery ? sig : 0);
    }
}

bool tree_syscall_entry(pid_t pid, pid_t tid, long nr, const uint64_t args[6])
{
    (void)pid;
    if (!shared)
        return false;
    if (nr == SYS_ptrace && args[0] == PTRACE_TRACEME && strcmp(my_dir, root_dir) != 0)
        return true; /* it asks its parent to trace it: it runs for real from here */
    if (nr == SYS_ptrace && (args[0] == PTRACE_ATTACH || args[0] == PTRACE_SEIZE))
        release_target((pid_t)args[1]);
    if (!is_output_write(tid, nr, args))
        return false;
    for (int i = 0; i < nholders; i++)
        if (holders[i] == tid)
            return false;
    if (nholders == MAX_HOLDERS)
        return false; /* (the lock is held by this recorder anyway) */
    lock_output();
    holders[nholders++] = tid;
    return false;
}

void tree_syscall_done(pid_t tid)
{
    for (int i = 0; i < nholders; i++) {
        if (holders[i] == tid) {
            holders[i] = holders[--nholders];
            if (nholders == 0)
                unlock_output();
            return;
        }
    }
}

uint64_t tree_take_seq(void)
{
    return shared ? atomic_fetch_add(&shared->next_seq, 1) : 0;
}

void tree_output_event_seq(uint64_t event, uint64_t seq)
{
    if (!shared)
        return;
    if (order_fd < 0) {
        int dir = open(my_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir < 0)
            return;
        order_fd = openat(dir, "order", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        close(dir);
        if (order_fd < 0) {
            warn("cannot create %s/order: %s (the tree's output order is not kept)", my_dir,
                 strerror(errno));
            return;
        }
    }
    uint8_t rec[16];
    for (int i = 0; i < 8; i++) {
        rec[i] = (uint8_t)(event >> (8 * i));
        rec[8 + i] = (uint8_t)(seq >> (8 * i));
    }
    if (write_all(order_fd, rec, sizeof rec) < 0)
        warn("cannot write %s/order: %s", my_dir, strerror(errno));
}

void tree_output_event(uint64_t event)
{
    if (shared)
        tree_output_event_seq(event, tree_take_seq());
}

/* ---- handing a child to a recorder of its own ---- */

/* Attaches to the parked child (PTRACE_ATTACH, as the root is traced with TRACEME: its own
 * children then start in a SIGSTOP stop like the root's) and waits for the attach's SIGSTOP, which
 * is suppressed; other signals that arrive meanwhile are handed back (raised again once it is
 * recorded). 0, or -1 when it is gone. */
static int attach_parked(pid_t child, int *pending, int *npending)
{
    for (int tries = 0;; tries++) {
        if (ptrace(PTRACE_ATTACH, child, 0, 0) == 0)
            break;
        if (errno != EPERM || tries > 20000)
            return -1;
        usleep(200); /* the recorder that parked it has not detached it yet */
    }
    for (;;) {
        int status;
        if (waitpid_uninterrupted(child, &status, __WALL) < 0 || !WIFSTOPPED(status))
            return -1;
        int sig = WSTOPSIG(status);
        if (sig == SIGSTOP && (status >> 16) == 0)
            return ptrace(PTRACE_SETOPTIONS, child, 0, CHILDREN_TRACE_OPTIONS) < 0 ? -1 : 0;
        if (sig != SIGTRAP && *npending < 16)
            pending[(*npending)++] = sig;
        ptrace(PTRACE_CONT, child, 0, 0);
    }
}

/* The new agent process: records `child` (parked in pause by its parent's recorder) into dir. */
static _Noreturn void become_recorder(pid_t child, pid_t parent,
                                      const struct user_regs_struct *regs, const char *dir,
                                      pid_t parent_agent)
{
    /* killed with the recorder that started it (which waits for it otherwise), so a killed rewind
     * leaves no recorder behind, and no recorded process (PTRACE_O_EXITKILL) */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent_agent)
        _exit(1);
    children_forget_after_fork();
    children_output_forget_after_fork();
    nsubs = 0;
    nholders = 0;
    nexpected = 0;
    if (order_fd >= 0)
        close(order_fd);
    order_fd = -1;
    my_pid = child;
    my_ppid = parent;
    snprintf(my_dir, sizeof my_dir, "%.4000s", dir);
    int pending[16], npending = 0;
    if (attach_parked(child, pending, &npending) < 0) {
        warn("cannot record child process %d: %s (it is killed)", child, strerror(errno));
        kill(child, SIGKILL);
        remove_recorded(child);
        _exit(1);
    }
    struct tracee c = {.pid = child, .mem_fd = -1};
    c.regs = *regs;
    c.regs.orig_rax = (uint64_t)-1; /* no syscall to restart: the fork has returned */
    tracee_set_regs(&c);
    for (int i = 0; i < npending; i++)
        kill(child, pending[i]);
    char link[64];
    snprintf(link, sizeof link, "/proc/%d/exe", child);
    ssize_t n = readlink(link, my_exe, sizeof my_exe - 1);
    my_exe[n > 0 ? n : 0] = 0;
    read_cmdline(child);
    char *argv[256];
    int argc = 0;
    for (size_t off = 0; off < my_cmdline.len && argc < 255; off += strlen((char *)my_cmdline.data + off) + 1)
        argv[argc++] = (char *)my_cmdline.data + off;
    if (argc == 0)
        argv[argc++] = my_exe;
    argv[argc] = NULL;
    struct buf argv_copy = {0}; /* (my_cmdline changes at an exec: argv must not) */
    buf_put(&argv_copy, my_cmdline.data, my_cmdline.len);
    for (int i = 0; i < argc; i++)
        if (argv[i] != my_exe)
            argv[i] = (char *)argv_copy.data + (argv[i] - (char *)my_cmdline.data);
    struct record_request req = {.trace_dir = dir, .program = my_exe, .argv = argv,
                                 .attach_pid = child};
    struct record_result res;
    record_run(&req, &res);
    if (res.error_code)
        warn("recording child process %d: %s", child, res.message);
    _exit(0);
}

void tree_expect_child(pid_t child)
{
    if (child > 0 && nexpected < MAX_SUBS)
        expected[nexpected++] = child;
}

static void child_seen(pid_t child)
{
    for (int i = 0; i < nexpected; i++)
        if (expected[i] == child)
            expected[i] = expected[--nexpected];
}

void tree_settle_children(struct trace_writer *tw)
{
    while (nexpected > 0) {
        pid_t child = expected[nexpected - 1];
        int status;
        pid_t got = waitpid_uninterrupted(child, &status, __WALL);
        if (got == child)
            children_on_stop(tw, child, status); /* (which forgets it) */
        child_seen(child);
    }
}

bool tree_take_child(pid_t child)
{
    child_seen(child);
    if (!shared)
        return false;
    pid_t parent = proc_parent_of(child);
    if (parent <= 0 || syscall(SYS_kcmp, parent, child, KCMP_VM, 0, 0) == 0)
        return false; /* a vfork child runs in its parent's memory: seen through its effects */
    struct tracee c = {.pid = child, .mem_fd = -1};
    tracee_get_regs(&c);
    struct user_regs_struct regs = c.regs;
    uint16_t insn = 0;
    if (tracee_attach_mem(&c) < 0)
        return false;
    tracee_read(&c, regs.rip - 2, &insn, 2);
    tracee_detach_mem(&c);
    if (insn != 0x050f || nsubs == MAX_SUBS)
        return false;
    if (strlen(root_dir) > PATH_MAX - 64)
        return false;
    char procs[PATH_MAX], dir[PATH_MAX];
    snprintf(procs, sizeof procs, "%.4000s/procs", root_dir);
    if (mkdir(procs, 0700) < 0 && errno != EEXIST) {
        warn("children are not recorded: cannot create %s: %s", procs, strerror(errno));
        return false;
    }
    snprintf(dir, sizeof dir, "%.4000s/%d", procs, child);
    if (!add_recorded(child))
        return false;
    if (current_settings) {
        inherited = *current_settings;
        have_inherited = true;
    }
    pid_t self = getpid();
    pid_t agent = fork();
    if (agent < 0) {
        remove_recorded(child);
        return false;
    }
    if (agent == 0)
        become_recorder(child, parent, &regs, dir, self);
    int slot = slot_of(child);
    if (slot >= 0)
        atomic_store(&shared->recorder[slot], agent);
    subs[nsubs++] = agent;
    /* Yama (ptrace_scope 1) lets only an ancestor attach, unless the process names its tracer:
     * the new recorder is not the child's ancestor (without Yama the call fails: no matter) */
    if (tracee_attach_mem(&c) == 0) {
        uint64_t args[6] = {PR_SET_PTRACER, (uint64_t)agent, 0, 0, 0, 0};
        (void)tracee_inject_syscall(&c, regs.rip - 2, SYS_prctl, args, 0, NULL);
        tracee_detach_mem(&c);
    }
    /* parked in pause() until its recorder attaches and puts these registers back */
    c.regs.rax = SYS_pause;
    c.regs.orig_rax = (uint64_t)-1;
    c.regs.rip = regs.rip - 2;
    tracee_set_regs(&c);
    ptrace(PTRACE_DETACH, child, 0, 0);
    return true;
}

bool tree_reaped(pid_t pid, int status)
{
    (void)status;
    for (int i = 0; i < nsubs; i++) {
        if (subs[i] == pid) {
            subs[i] = subs[--nsubs];
            return true;
        }
    }
    return false;
}

/* ---- exec, the end ---- */

static bool on_no_record_list(const char *exe)
{
    const char *base = strrchr(exe, '/');
    base = base ? base + 1 : exe;
    size_t len = strlen(base);
    for (const char *p = no_record; *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n == len && n && strncmp(p, base, n) == 0)
            return true;
        p += n + (comma ? 1 : 0);
    }
    return false;
}

bool tree_exec(pid_t pid, const char *exe)
{
    read_cmdline(pid);
    snprintf(my_exe, sizeof my_exe, "%s", exe);
    return shared && pid != 0 && strcmp(my_dir, root_dir) != 0 && on_no_record_list(exe);
}

void tree_recording_ends(const struct record_result *res, uint64_t events)
{
    if (shared) {
        nholders = 0;
        unlock_output();
        if (res->signalled)
            for (int i = 0; i < nsubs; i++)
                kill(subs[i], res->signalled);
        while (nsubs > 0) {
            int status;
            pid_t got = waitpid_uninterrupted(subs[nsubs - 1], &status, 0);
            (void)got;
            nsubs--;
        }
        remove_recorded(my_pid);
        if (order_fd >= 0)
            close(order_fd);
        order_fd = -1;
    }
    struct proc_entry e = {.pid = my_pid, .ppid = my_ppid, .events = events,
                           .ended = res->complete, .wait_status = res->wait_status,
                           .exe = my_exe[0] ? my_exe : NULL,
                           .cmdline = (const char *)my_cmdline.data, .cmdline_len = my_cmdline.len};
    char err[256];
    if (trace_procs_write(my_dir, &e, err, sizeof err) < 0)
        warn("%s", err);
}
