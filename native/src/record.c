/* record.c: see record.h. The recorder's main loop and its handling of each kind of stop. */
#include "record.h"
#include "proc_info.h"
#include "record_async.h"
#include "record_rdtsc.h"
#include "record_settings.h"
#include "record_signals.h"
#include "record_start.h"
#include "record_tree.h"
#include "record_internal.h"
#include "record_threads.h"
#include "signal_point.h"
#include "snapshot.h"
#include "snapshot_dump.h"
#include "children.h"
#include "children_output.h"
#include "record_madvise.h"
#include "record_other_writers.h"
#include "record_vfork.h"
#include "file_watch.h"
#include "image.h"
#include "insn_check.h"
#include "ioctl_table.h"
#include "output_check.h"
#include "own_memory.h"
#include "syscall_table.h"
#include "trace_events.h"
#include "trace_writer.h"
#include "tracee.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <linux/kcmp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_OUT_RANGES 256


/* How often the events written so far reach the disk (the timer ticks faster with threads). */
#define FLUSH_EVERY_NS 100000000ull

/* How long a program has to end after rewind passed it the signal rewind was sent. */
#define TERMINATE_GRACE_NS (10ull * 1000000000ull)

static volatile sig_atomic_t flush_due;
static volatile sig_atomic_t terminate_requested;   /* a signal to rewind: TERM, HUP or QUIT */
static volatile sig_atomic_t terminate_from_parent; /* ... sent by rewind's Java process */
static volatile sig_atomic_t terminate_sender;      /* ... by this process (si_pid), or 0 */
static volatile sig_atomic_t parent_gone;           /* rewind's Java process ended */
static volatile sig_atomic_t recording;             /* record_loop runs */

static void on_alarm(int sig) { flush_due = 1; }

static void on_terminate(int sig, siginfo_t *si, void *uc)
{
    terminate_requested = sig;
    terminate_from_parent = si->si_code == SI_USER && si->si_pid == getppid();
    terminate_sender = si->si_code == SI_USER || si->si_code == SI_TKILL ? si->si_pid : 0;
}

void record_terminate_early(int sig)
{
    terminate_requested = sig;
    terminate_from_parent = 1;
    terminate_sender = 0;
}

bool record_parent_gone(void)
{
    if (!recording)
        return false;
    parent_gone = 1;
    return true;
}

/* ---- events ---- */

static void write_stop(struct recorder *r, const char *reason)
{
    trace_put_stop(&r->tw, reason);
    snprintf(r->res->message, sizeof r->res->message, "%s", reason);
    r->stopped = true;
}

static uint32_t output_flags(struct recorder *r, int64_t result)
{
    switch (r->th.nr) {
    case SYS_write:
    case SYS_writev:
    case SYS_pwrite64:
    case SYS_pwritev:
    case SYS_pwritev2:
        break;
    default:
        return 0;
    }
    if (result <= 0)
        return 0;
    int fd = (int)r->th.args[0];
    if (same_open_file(r->t.pid, fd, 1))
        return SYSF_STDOUT;
    if (same_open_file(r->t.pid, fd, 2))
        return SYSF_STDERR;
    return 0;
}

/* Something happened that cannot be recorded (a syscall's effects, a thread, an exec image): the
 * recording ends before it (a STOP event naming why) and the program is killed, so nothing after
 * it is replayed from missing data. */
void record_end_here(struct recorder *r, const char *why)
{
    write_stop(r, why);
    kill(r->main_pid ? r->main_pid : r->t.pid, SIGKILL); /* (the process: its every thread) */
}

static int read_tracee(void *tracee, uint64_t addr, void *out, size_t len)
{
    return tracee_read(tracee, addr, out, len);
}

static bool is_dev_zero(const struct stat *st)
{
    return S_ISCHR(st->st_mode) && major(st->st_rdev) == 1 && minor(st->st_rdev) == 5;
}

/* Whether the program's descriptor fd is open for writing (/proc/PID/fdinfo's octal flags). */
static bool fd_writable(pid_t pid, int fd)
{
    char path[64], line[128];
    snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", pid, fd);
    FILE *f = fopen(path, "re");
    if (!f)
        return true; /* gone already: the mmap that just succeeded used it */
    unsigned long flags = O_RDWR;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "flags: %lo", &flags) == 1)
            break;
    fclose(f);
    return (flags & O_ACCMODE) != O_RDONLY;
}

void record_write_syscall(struct recorder *r, int64_t result)
{
    const struct syscall_desc *d = syscall_lookup(r->th.nr);
    uint32_t flags = output_flags(r, result);
    if (!d->name) {
        flags |= SYSF_UNKNOWN; /* refused at entry (refused_syscall): it did nothing */
    } else if (d->replay == SC_REAL) {
        flags |= SYSF_REAL;
    }
    if (r->th.entered)
        flags |= SYSF_RESUMED; /* the result of the thread's SYSCALL_ENTER */

    /* mmap of a file: keep a copy of the file, by content */
    bool has_blob = false;
    uint8_t hash[TRACE_HASH_SIZE];
    struct stat file_st = {0};
    char file_path[4096] = "";
    if (r->th.nr == SYS_mmap && result >= 0 && !(r->th.args[3] & MAP_ANONYMOUS)) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%d/fd/%d", r->t.pid, (int)r->th.args[4]);
        ssize_t plen = readlink(path, file_path, sizeof file_path - 1);
        file_path[plen > 0 ? plen : 0] = 0;
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        char why[600] = "";
        if (fd < 0 || fstat(fd, &file_st) < 0)
            snprintf(why, sizeof why, "cannot copy the file %s that the program mapped (%s): "
                     "the recording stops here", file_path, strerror(errno));
        else if (S_ISREG(file_st.st_mode) && trace_blob_put_fd(&r->tw, fd, hash) < 0)
            snprintf(why, sizeof why, "cannot copy the file %s that the program mapped into "
                     "the recording: the recording stops here", file_path);
        else if (!S_ISREG(file_st.st_mode) && !is_dev_zero(&file_st))
            snprintf(why, sizeof why, "the program mapped %s, which is not a regular file: "
                     "Rewind cannot record what such a mapping holds; the recording stops here",
                     file_path);
        /* Regular files keep their content; /dev/zero maps as the anonymous memory it is. */
        has_blob = why[0] == 0 && S_ISREG(file_st.st_mode);
        if (has_blob) {
            file_watch_add(r->files, (uint64_t)file_st.st_dev, (uint64_t)file_st.st_ino);
            if ((r->th.args[3] & MAP_SHARED) && !fd_writable(r->t.pid, (int)r->th.args[4]))
                flags |= SYSF_READONLY_FD;
        }
        if (fd >= 0)
            close(fd);
        if (why[0]) {
            record_end_here(r, why);
            return;
        }
    }

    /* a descriptor that writes the program's own memory: its writes have no outputs to record */
    if (opened_own_memory_for_writing(&r->t, r->th.nr, r->th.args, result, file_path, sizeof file_path)) {
        char why[600];
        snprintf(why, sizeof why, "the program opened %.300s (its own memory) for writing: Rewind cannot "
                 "record what writes through it change; the recording stops here", file_path);
        record_end_here(r, why);
        return;
    }

    struct mem_range ranges[MAX_OUT_RANGES];
    int nranges = 0;
    if (d->name) {
        nranges = syscall_outputs(r->t.pid, r->th.nr, r->th.args, result, ranges, MAX_OUT_RANGES);
        if (nranges < 0) {
            char why[200];
            snprintf(why, sizeof why, "%s wrote more separate memory ranges than Rewind can "
                     "record (%d): the recording stops here", d->name, MAX_OUT_RANGES);
            record_end_here(r, why);
            return;
        }
    }

    /* what the syscall changed through the files the program maps (file_watch.h) */
    struct watch_range *changed = NULL;
    size_t nchanged = 0;
    char changed_why[400] = "";
    if (file_watch_exit(r->files, &r->t, &changed, &nchanged, changed_why, sizeof changed_why) < 0) {
        record_end_here(r, changed_why);
        return;
    }

    /* what a vfork child or processes sharing memory stored (record_other_writers.h) */
    struct mem_range *others = NULL;
    size_t nothers = 0;
    if (other_writers_exit(&r->t, r->th.nr, r->th.args, result, &others, &nothers, changed_why,
                           sizeof changed_why) < 0) {
        free(changed);
        record_end_here(r, changed_why);
        return;
    }

    uint32_t output_crc = 0;
    if (output_checksum(&r->t, r->th.nr, r->th.args, result, &output_crc))
        flags |= SYSF_CHECKSUM;

    struct syscall_head head = {.nr = (int32_t)r->th.nr, .result = result, .flags = flags,
                                .has_blob = has_blob, .blob_offset = r->th.args[5]};
    memcpy(head.args, r->th.args, sizeof head.args);
    if (has_blob)
        memcpy(head.blob, hash, TRACE_HASH_SIZE);
    struct syscall_writes w;
    trace_syscall_begin(&r->tw, &head, &w);
    for (int i = 0; i < nranges; i++)
        trace_syscall_write(&r->tw, &w, ranges[i].addr, ranges[i].len, read_tracee, &r->t);
    for (size_t i = 0; i < nchanged; i++)
        if (changed[i].len)
            trace_syscall_write(&r->tw, &w, changed[i].addr, changed[i].len, read_tracee, &r->t);
        else
            trace_syscall_size_mark(&r->tw, &w, changed[i].addr);
    free(changed);
    for (size_t i = 0; i < nothers; i++)
        trace_syscall_write(&r->tw, &w, others[i].addr, others[i].len, read_tracee, &r->t);
    free(others);
    if (r->th.nr == SYS_exit) /* a thread's end: what the kernel wrote then (record_thread_end.h) */
        for (size_t i = 0; i < r->nexit_words; i++)
            trace_syscall_write(&r->tw, &w, r->exit_words[i].addr, r->exit_words[i].len,
                                read_tracee, &r->t);
    struct syscall_tail tail = {.file_dev = (uint64_t)file_st.st_dev,
                                .file_ino = (uint64_t)file_st.st_ino,
                                .file_path = file_path, .output_crc = output_crc};
    trace_syscall_end(&r->tw, &head, &w, &tail);
    if (flags & (SYSF_STDOUT | SYSF_STDERR))
        tree_output_event(r->tw.next_event - 1);
}

/* ---- stops of the recorded process ---- */

bool record_creates_thread(struct recorder *r)
{
    if (r->th.nr == SYS_clone)
        return r->th.args[0] & CLONE_THREAD;
    if (r->th.nr == SYS_clone3) {
        uint64_t flags = 0;
        tracee_read(&r->t, r->th.args[0], &flags, sizeof flags);
        return flags & (CLONE_THREAD | CLONE_VM) && (flags & CLONE_THREAD);
    }
    return false;
}

/*
 * A vfork child (vfork, or clone/clone3 with CLONE_VM | CLONE_VFORK, as posix_spawn makes) keeps
 * its semantics: the program waits while the child runs in its memory, and what the child stores
 * there is recorded as the syscall's memory writes (record_vfork.h). Any other child sharing the
 * memory (CLONE_VM alone) would run alongside the program, changing it behind the recorder's back:
 * the recorder turns it into a plain forked one (the child writes only to its own copy). The event
 * keeps the original arguments.
 */
static void unshare_child_memory(struct recorder *r)
{
    if (vfork_like(&r->t, r->th.nr, r->th.args))
        return; /* (other_writers_entry watches it) */
    const uint64_t shared = CLONE_VM | CLONE_VFORK;
    if (r->th.nr == SYS_vfork) {
        r->t.regs.orig_rax = SYS_fork;
        tracee_set_regs(&r->t);
    } else if (r->th.nr == SYS_clone && (r->th.args[0] & shared)) {
        r->t.regs.rdi = r->th.args[0] & ~shared;
        tracee_set_regs(&r->t);
    } else if (r->th.nr == SYS_clone3 && r->th.args[0]) {
        uint64_t flags = 0;
        if (tracee_read(&r->t, r->th.args[0], &flags, sizeof flags) == 0 && (flags & shared)) {
            r->th.clone3_flags = flags;
            flags &= ~shared;
            tracee_write(&r->t, r->th.args[0], &flags, sizeof flags);
        }
    }
}

/*
 * Whether the syscall now entering must not run, and the error the program gets instead (0: it
 * runs). One whose effects the tables cannot describe (REFUSED rows, numbers without a row, legacy
 * ioctl requests without a row) would change the program behind the recorder's back; the program
 * gets ENOSYS (ENOTTY for an ioctl), as from a kernel or driver without it, and the recording (so
 * the replay) holds exactly that. rseq is refused too: the kernel would write the CPU number into the
 * program's memory at any time (glibc falls back). -1 is no syscall at all: ENOSYS anyway.
 */
/* True the first time `nr` is refused (numbers outside the table share one flag). */
static bool first_warning(struct recorder *r, long nr)
{
    bool *flag = nr >= 0 && nr < SYSCALL_TABLE_SIZE ? &r->warned[nr] : &r->warned_other;
    bool first = !*flag;
    *flag = true;
    return first;
}

static int refused_syscall(struct recorder *r)
{
    if (r->th.nr == -1)
        return 0;
    if (r->th.nr == SYS_ioctl && !ioctl_recordable((uint32_t)r->th.args[1])) {
        if (first_warning(r, SYS_ioctl))
            warn("the program made ioctl request %#x, whose effects Rewind does not know: it got "
                 "ENOTTY instead", (unsigned)(uint32_t)r->th.args[1]);
        return ENOTTY;
    }
    if (r->th.nr == SYS_rseq)
        return ENOSYS; /* (glibc always asks: no warning) */
    const struct syscall_desc *d = syscall_lookup(r->th.nr);
    if (d->name && d->replay != SC_REFUSED)
        return 0;
    if (first_warning(r, r->th.nr)) {
        if (d->name)
            warn("the program called %s, whose effects Rewind cannot record: it got ENOSYS instead",
                 d->name);
        else
            warn("the program called syscall %ld, unknown to Rewind: it got ENOSYS instead", r->th.nr);
    }
    return ENOSYS;
}

/* Where a process let go (release_process) is. */
enum release_point { RELEASE_AT_EXEC, RELEASE_AT_ENTRY, RELEASE_AT_SIGNAL, RELEASE_RUNNING };
static void release_process(struct recorder *r, const char *why, enum release_point at);

static void on_syscall_entry(struct recorder *r)
{
    tracee_get_regs(&r->t);
    r->th.in_syscall = true;
    r->th.exec_done = false;
    r->th.nr = regs_syscall_nr(&r->t.regs);
    regs_syscall_args(&r->t.regs, r->th.args);
    r->th.at_boundary = false;

    if (sched_on_entry(r))
        return;
    if (!record_creates_thread(r))
        unshare_child_memory(r);
    char why[300] = "";
    if (children_filter_conflicts(r->th.nr, r->th.args)) {
        record_end_here(r, "the program installs a seccomp filter with a user-notification "
                           "listener (SECCOMP_FILTER_FLAG_NEW_LISTENER): the kernel allows one "
                           "listener per process, and Rewind's own (which captures the output of "
                           "the program's children) holds it; the recording stops here");
        return;
    }
    if (other_writers_entry(&r->t, r->th.nr, r->th.args, why, sizeof why) < 0) {
        record_end_here(r, why);
        return;
    }
    r->th.refused = refused_syscall(r);
    if (r->th.refused || settings_on_entry(&r->settings, &r->t, r->th.nr, r->th.args)) {
        r->t.regs.orig_rax = (uint64_t)-1; /* the kernel skips it */
        tracee_set_regs(&r->t);
        file_watch_entry(r->files, &r->t, -1, r->th.args); /* (forgets the last one) */
    } else {
        if (tree_syscall_entry(r->main_pid, r->t.pid, r->th.nr, r->th.args) && r->threads.n <= 1) {
            release_process(r, "the process asked its parent to trace it (PTRACE_TRACEME): it "
                               "ran for real from there", RELEASE_AT_ENTRY);
            return;
        }
        file_watch_entry(r->files, &r->t, r->th.nr, r->th.args);
        /* with other threads to run, one that may wait long waits in the kernel meanwhile */
        if (r->threads.n > 1 && !r->exiting && syscall_may_block(r->t.pid, r->th.nr, r->th.args)) {
            trace_put_syscall_enter(&r->tw, (int32_t)r->th.nr, r->th.args);
            r->th.entered = true;
            r->let_in = true;
        }
    }
}

/*
 * A snapshot of the recorded process right after a syscall event: the state a replay has at the
 * boundary of the next event (docs/snapshot-format.md), written to snapshot_dir/EVENT.body for
 * the Java side to take into the page store; dumped from a fork on another thread while the
 * program runs on (snapshot_dump.h). Where none can be taken (not after a `syscall` instruction),
 * at the next syscall.
 */
static void take_snapshot(struct recorder *r)
{
    struct snapshot_place at = {.brk = r->brk, .swap_mask = 0};
    at.pos.event = r->tw.next_event;
    at.pos.block_first = r->tw.block_events ? r->tw.block_first : r->tw.next_event;
    at.pos.block_off = lseek(r->tw.events_fd, 0, SEEK_END); /* where the open block will go */
    char err[512];
    struct user_regs_struct before = r->t.regs;
    if (snapshot_dumper_take(r->dumper, &r->t, &at, err, sizeof err) >= 0)
        r->next_snapshot = at.pos.event + r->snapshot_every;
    tracee_get_regs(&r->t);
    if (memcmp(&r->t.regs, &before, sizeof before))
        fatal("a snapshot changed the recorded process's registers");
}

/*
 * A signal raised again by us (raised[]) is normally taken at a delivery stop, where record_on_signal
 * gives it back its own siginfo. One that a syscall consumed instead (rt_sigtimedwait, a signalfd
 * read) never stops: forget it, or a later signal of the same number would be given its siginfo.
 * Still pending (blocked) means not consumed yet.
 */
static void forget_consumed_raises(struct recorder *r)
{
    struct signal_masks m;
    signal_masks_read(r->t.pid, &m);
    for (int i = 0; i < r->nraised;)
        if (!signal_in(m.pending, r->raised[i].sig))
            r->raised[i] = r->raised[--r->nraised];
        else
            i++;
}

void record_syscall_exit(struct recorder *r)
{
    if (!r->th.in_syscall)
        return;
    r->th.in_syscall = false;
    r->mt_exec = false; /* (an execve that failed) */
    tracee_get_regs(&r->t);
    int64_t result = (int64_t)r->t.regs.rax;
    if (r->th.nr == SYS_clone && r->t.regs.rdi != r->th.args[0]) {
        r->t.regs.rdi = r->th.args[0]; /* unshare_child_memory changed it: the program must not see */
        tracee_set_regs(&r->t);
    }
    if (r->th.clone3_flags) {
        tracee_write(&r->t, r->th.args[0], &r->th.clone3_flags, sizeof r->th.clone3_flags);
        r->th.clone3_flags = 0;
    }
    if (r->th.refused) {
        result = -r->th.refused;
        r->t.regs.rax = (uint64_t)result;
        tracee_set_regs(&r->t);
    } else {
        result = settings_on_exit(&r->settings, &r->t, r->th.nr, r->th.args, result);
        madv_free_settle(&r->t, r->th.nr, r->th.args, result);
    }
    if (r->nraised)
        forget_consumed_raises(r);
    if (!r->th.exec_done)
        record_write_syscall(r, result);
    tree_syscall_done(r->t.pid);
    r->th.entered = false;
    if (r->th.nr == SYS_brk)
        r->brk = (uint64_t)result;
    r->th.at_boundary = true;
    r->th.boundary_regs = r->t.regs;
    r->th.boundary_queued = signals_queued(r->t.pid);
    if (r->dumper)
        snapshot_dumper_poll(r->dumper);
    if (r->snapshot_every && !r->th.exec_done && r->tw.next_event >= r->next_snapshot &&
        !r->threads_named) /* (a snapshot holds one thread) */
        take_snapshot(r);
}

/* ---- the loop ---- */

/* The signals that ask rewind to end; their dispositions before the recording, put back after. */
static const int terminate_signals[] = {SIGTERM, SIGHUP, SIGQUIT};
static struct sigaction terminate_before[3];

static void install_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    sa.sa_handler = NULL;
    sa.sa_sigaction = on_terminate;
    sa.sa_flags = SA_SIGINFO;
    for (int i = 0; i < 3; i++)
        sigaction(terminate_signals[i], &sa, &terminate_before[i]);
    signal(SIGINT, SIG_IGN); /* Ctrl-C reaches the program from the terminal */
    struct itimerval tick = {{0, 100000}, {0, 100000}};
    setitimer(ITIMER_REAL, &tick, NULL);
}

static void uninstall_handlers(void)
{
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    signal(SIGALRM, SIG_DFL);
    for (int i = 0; i < 3; i++)
        sigaction(terminate_signals[i], &terminate_before[i], NULL);
    signal(SIGINT, SIG_DFL);
}

/* Has the program already got sig by itself (the same kill reached the whole process group)? */
static bool program_got_signal(struct recorder *r, int sig)
{
    uint64_t seen = r->external_sig_ns[sig];
    if (seen && now_ns() - seen < 1000000000ull)
        return true;
    struct signal_masks m;
    return signal_masks_read(r->t.pid, &m) && signal_in(m.pending, sig);
}

static bool handle_stop(struct recorder *r, pid_t pid, int status);

/*
 * rewind was sent TERM, HUP or QUIT: the program is passed the same signal, as a shell passes it
 * to the job it stands for (unless the same kill reached the program already: a terminal hangup,
 * `timeout`, a kill of the process group), and the recording goes on until the program ends, so
 * the signal and the end are recorded and replay. A program still running TERMINATE_GRACE_NS
 * later is stopped (a STOP event says why). Java relays what it is sent: a relayed copy of a
 * signal the agent got itself is not passed on again.
 */
static void on_terminate_request(struct recorder *r, int sig, bool from_parent, pid_t sender)
{
    if (r->terminated_by && from_parent)
        return;
    if (sender > 0 && (proc_thread_group_of(sender) == r->main_pid || children_known(sender)))
        return; /* the program signalled its parent (us): without rewind, a shell would get it */
    if (!r->terminated_by) {
        r->terminated_by = sig;
        r->terminate_deadline_ns = now_ns() + TERMINATE_GRACE_NS;
    }
    /* stops already queued (the program taking the same signal) are seen first */
    int status;
    pid_t pid;
    while (!r->stopped && (pid = waitpid(-1, &status, __WALL | WNOHANG)) > 0)
        if (!handle_stop(r, pid, status))
            return;
    if (!r->stopped && !program_got_signal(r, sig))
        kill(r->main_pid, sig);
}

/* Ends the recording now: a STOP event saying why, the program and its children killed. */
static void stop_recording(struct recorder *r, const char *why)
{
    if (!r->stopped)
        write_stop(r, why);
    trace_writer_flush(&r->tw, 1);
    kill(r->t.pid, SIGKILL);
    children_kill_all();
}

/* What rewind was told while the program ran: flush, a signal to rewind, its parent gone. */
static void check_requests(struct recorder *r)
{
    if (flush_due) {
        flush_due = 0;
        if (now_ns() - r->flushed_ns >= FLUSH_EVERY_NS) {
            r->flushed_ns = now_ns();
            trace_writer_flush(&r->tw, 1);
        }
        sched_tick(r);
    }
    if (parent_gone) {
        parent_gone = 0;
        stop_recording(r, "the recording was stopped: rewind ended while the program ran (its "
                          "process was killed); the program was killed with it");
    }
    if (terminate_requested) {
        int sig = terminate_requested;
        bool from_parent = terminate_from_parent;
        pid_t sender = terminate_sender;
        terminate_requested = 0;
        on_terminate_request(r, sig, from_parent, sender);
    }
    if (r->terminate_deadline_ns && !r->stopped && now_ns() > r->terminate_deadline_ns) {
        char why[256];
        const char *name = sigabbrev_np(r->terminated_by);
        snprintf(why, sizeof why, "the recording was stopped: rewind was sent SIG%s, passed it to "
                 "the program, and the program was still running %llu s later",
                 name ? name : "?", TERMINATE_GRACE_NS / 1000000000ull);
        stop_recording(r, why);
    }
}

/* The process is let go (record_tree.h): its recording ends here (a STOP event saying why) and it
 * runs for real, as a child that is not recorded. RELEASE_AT_EXEC: at its PTRACE_EVENT_EXEC
 * stop (single-threaded after the exec); RELEASE_AT_SIGNAL: at the delivery stop of signal
 * r->release_sig, which it then gets untraced; RELEASE_AT_ENTRY: stopped at the entry of the
 * syscall that makes it go (it runs again, untraced); RELEASE_RUNNING: not in a ptrace stop now
 * (one thread only). */
static void release_process(struct recorder *r, const char *why, enum release_point at)
{
    write_stop(r, why);
    r->res->complete = false;
    if (at == RELEASE_AT_EXEC) {
        /* (the execve's result is written at its exit: an injection must come after it) */
        int status;
        ptrace(PTRACE_SYSCALL, r->t.pid, 0, 0);
        if (waitpid_uninterrupted(r->t.pid, &status, __WALL) < 0 || !WIFSTOPPED(status)) {
            r->program_ended = true;
            return;
        }
    }
    if (at == RELEASE_AT_ENTRY) {
        tracee_get_regs(&r->t);
        r->t.regs.rax = r->t.regs.orig_rax;
        r->t.regs.rip -= 2;
        tracee_set_regs(&r->t);
    }
    if (at == RELEASE_RUNNING) {
        tree_detach_running(r->t.pid);
    } else {
        children_untrap_tsc(r->t.pid); /* (the process's setting: for all its threads) */
        if (at == RELEASE_AT_SIGNAL) /* (pending, so delivered as the process goes on untraced) */
            syscall(SYS_tgkill, r->t.pid, r->t.pid, r->release_sig);
        for (int i = 0; i < r->threads.n; i++)
            if (r->threads.v[i].tid != r->t.pid)
                ptrace(PTRACE_DETACH, r->threads.v[i].tid, 0, 0);
        ptrace(PTRACE_DETACH, r->t.pid, 0, 0);
    }
    tree_released();
    r->program_ended = true;
}

/* One wait status of any process of the recording; false once the program has ended. */
static bool handle_stop(struct recorder *r, pid_t pid, int status)
{
    pid_t main_pid = r->main_pid;
    char err[512];
    children_output_drain(&r->tw); /* children's output first: it may have caused this stop */
    if (r->mt_exec && pid == main_pid && WIFSTOPPED(status) && (status >> 16) == PTRACE_EVENT_EXEC)
        sched_exec_collapse(r); /* an execve from a multithreaded program succeeded */
    bool exited = WIFEXITED(status) || WIFSIGNALED(status);
    if (pid != main_pid || !exited) {
        bool thread = threads_find(&r->threads, pid) || pid == main_pid ||
                      (!exited && proc_thread_group_of(pid) == main_pid);
        if (!thread) {
            children_on_stop(&r->tw, pid, status);
            return true;
        }
        if (pid != r->t.pid || !r->has_current || exited) {
            if (pid == r->t.pid && r->has_current) { /* the running thread was killed */
                r->has_current = false;
                threads_remove(&r->threads, pid);
                sched_next(r);
                return true;
            }
            sched_other_stop(r, pid, status);
            return true;
        }
    }
    struct stop_info s = classify_stop(pid, status);
    bool switch_point = false;
    int preempt;
    int deliver = 0;
    bool after_delivery = r->th.after_delivery;
    r->th.after_delivery = false;
    switch (s.kind) {
    case STOP_EXITED:
        if (!r->stopped) {
            trace_put_exit(&r->tw, status);
            r->res->complete = true;
        }
        r->res->wait_status = status;
        r->program_ended = true;
        return false;
    case STOP_SYSCALL: {
        int op = syscall_stop_op(pid);
        if (op == 1) {
            on_syscall_entry(r);
            if (r->program_ended)
                return false; /* let go (release_process) */
        } else if (op == 2) {
            switch_point = r->th.in_syscall && !r->th.exec_done;
            record_syscall_exit(r);
        }
        break;
    }
    case STOP_EVENT:
        if (s.event == PTRACE_EVENT_CLONE && !r->stopped && record_creates_thread(r)) {
            unsigned long tid = 0;
            ptrace(PTRACE_GETEVENTMSG, pid, 0, &tid);
            sched_new_thread(r, (pid_t)tid);
        } else if (s.event == PTRACE_EVENT_FORK || s.event == PTRACE_EVENT_VFORK ||
                   (s.event == PTRACE_EVENT_CLONE && !record_creates_thread(r))) {
            unsigned long child = 0;
            ptrace(PTRACE_GETEVENTMSG, pid, 0, &child);
            tree_expect_child((pid_t)child);
        }
        if (s.event == PTRACE_EVENT_EXEC && !r->stopped) {
            /* /proc/PID/mem follows the old address space: open the new one */
            tracee_detach_mem(&r->t);
            if (tracee_attach_mem(&r->t) < 0)
                fatal("cannot open the memory of process %d: %s", pid, strerror(errno));
            char link[64], path[4096];
            snprintf(link, sizeof link, "/proc/%d/exe", pid);
            ssize_t n = readlink(link, path, sizeof path - 1);
            path[n > 0 ? n : 0] = 0;
            if (tree_exec(r->main_pid, path)) {
                char why[1000];
                snprintf(why, sizeof why, "the process exec'd %.900s, which is not recorded "
                         "(--no-record): it ran for real from there", path);
                release_process(r, why, RELEASE_AT_EXEC);
                return false;
            }
            if (image_capture(&r->t, &r->tw, path, err, sizeof err) < 0)
                record_end_here(r, err);
            file_watch_add_all_mapped(r->files, pid);
            r->th.exec_done = true;
        }
        break;
    case STOP_SIGNAL:
        if (!r->stopped && r->attached && r->threads.n <= 1 && tree_stop_signal(s.sig)) {
            char why[200];
            snprintf(why, sizeof why, "the process was stopped by SIG%s (job control): it ran for "
                     "real from there", sigabbrev_np(s.sig) ? sigabbrev_np(s.sig) : "?");
            r->release_sig = s.sig;
            release_process(r, why, RELEASE_AT_SIGNAL);
            return false;
        }
        if (!r->stopped && (preempt = record_on_preempt(r, s.sig, after_delivery)) != PREEMPT_NOT) {
            switch_point = preempt == PREEMPT_SWITCH; /* (the program never gets that signal) */
            break;
        }
        deliver = r->stopped ? s.sig : record_on_signal(r, s.sig, after_delivery);
        r->th.after_delivery = deliver != 0;
        break;
    case STOP_GROUP:
        break;
    }
    if (r->tw.error[0] && !r->stopped) {
        r->res->error_code = 7;
        snprintf(r->res->message, sizeof r->res->message, "%s", r->tw.error);
        r->stopped = true;
        kill(main_pid, SIGKILL);
    }
    sched_resume(r, deliver, switch_point);
    return true;
}

static void record_loop(struct recorder *r)
{
    pid_t main_pid = r->t.pid;
    r->main_pid = main_pid;
    r->named_tid = main_pid;
    r->has_current = true;
    /* First stop: the exec of the program itself. */
    char err[512];
    if (image_capture(&r->t, &r->tw, r->program, err, sizeof err) < 0)
        record_end_here(r, err);
    file_watch_add_all_mapped(r->files, main_pid);
    /* we are inside the execve, its exit stop next; a forked child (record_tree.h) is where its
     * fork returned, in user code */
    r->th.in_syscall = !r->attached;
    r->th.exec_done = !r->attached;
    ptrace(PTRACE_SYSCALL, main_pid, 0, 0);

    while (!r->program_ended) {
        check_requests(r);
        if (r->program_ended)
            break;
        int status;
        if (r->has_deferred) {
            r->has_deferred = false;
            handle_stop(r, r->t.pid, r->deferred_status);
            continue;
        }
        if (tree_release_requested() && r->threads.n <= 1 && !r->stopped) {
            release_process(r, "the process was attached by another with ptrace (PTRACE_ATTACH "
                               "or PTRACE_SEIZE): it ran for real from there", RELEASE_RUNNING);
            break;
        }
        pid_t pid = waitpid(-1, &status, __WALL);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        handle_stop(r, pid, status);
    }
    /* Children go on by themselves after a normal end; not after rewind was told to end. */
    tree_settle_children(&r->tw); /* (children whose first stop is still to come) */
    if (r->terminated_by)
        children_kill_all();
    else
        children_release_all();
}

void record_run(const struct record_request *req, struct record_result *res)
{
    memset(res, 0, sizeof *res);
    struct recorder *r = calloc(1, sizeof *r);
    if (!r)
        fatal("out of memory");
    r->res = res;
    r->program = req->program;
    r->files = file_watch_new();
    settings_init(&r->settings);
    if (trace_writer_open(&r->tw, req->trace_dir, req->program, req->argv) < 0) {
        res->error_code = 7;
        snprintf(res->message, sizeof res->message, "%s", r->tw.error);
        trace_writer_close(&r->tw);
        file_watch_free(r->files);
        free(r);
        return;
    }
    if (req->chaos && sched_chaos_start(r, req->chaos_seed) < 0) {
        res->error_code = 7;
        snprintf(res->message, sizeof res->message, "%s", r->tw.error);
        trace_writer_close(&r->tw);
        file_watch_free(r->files);
        free(r);
        return;
    }
    if (req->snapshot_every) {
        snprintf(r->snapshot_dir, sizeof r->snapshot_dir, "%s/snapshots", req->trace_dir);
        bool made = mkdir(r->snapshot_dir, 0700) == 0;
        snprintf(r->snapshot_dir, sizeof r->snapshot_dir, "%s/snapshots/incoming", req->trace_dir);
        if (made && mkdir(r->snapshot_dir, 0700) == 0) {
            r->snapshot_every = req->snapshot_every;
            r->next_snapshot = req->snapshot_every;
            r->dumper = snapshot_dumper_new(r->snapshot_dir, &r->tw);
        } else {
            warn("cannot create %s: %s (recording without snapshots)", r->snapshot_dir, strerror(errno));
        }
    }
    install_handlers();
    recording = 1;
    r->attached = req->attach_pid > 0;
    if (r->attached)
        tree_inherit_settings(&r->settings);
    tree_note_settings(&r->settings);
    pid_t pid = r->attached ? req->attach_pid : record_start_program(req, res);
    if (pid > 0 && r->attached)
        children_set_program(pid);
    else if (pid > 0)
        tree_root_start(req->trace_dir, pid, req->argv);
    if (pid > 0) {
        if (req->on_started)
            req->on_started(req->ctx, pid);
        r->t.pid = pid;
        if (tracee_attach_mem(&r->t) < 0)
            fatal("cannot open the memory of process %d: %s", pid, strerror(errno));
        record_loop(r);
        tracee_detach_mem(&r->t);
    }
    res->signalled = r->terminated_by;
    if (pid > 0)
        tree_recording_ends(res, r->tw.next_event); /* (children's output still caught meanwhile) */
    children_output_stop(&r->tw);
    recording = 0;
    /* a dump still running finishes first */
    snapshot_dumper_free(r->dumper, &res->snapshots_forked, &res->snapshots_in_place);
    uninstall_handlers();
    res->events = r->tw.next_event;
    if (trace_writer_close(&r->tw) < 0 && !res->error_code) {
        res->error_code = 7;
        snprintf(res->message, sizeof res->message, "%s", r->tw.error);
    }
    file_watch_free(r->files);
    threads_free(&r->threads);
    free(r->declined_point);
    free(r);
}
