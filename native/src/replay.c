/* replay.c: see replay.h. The replay loop: one recorded event at a time. */
#include "replay.h"
#include "image.h"
#include "maps.h"
#include "syscall_table.h"
#include "trace_reader.h"
#include "tracee.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096u
#define REWIND_PAGE_ADDR 0x10000000000ull /* where injection pages go (the husk lives there too) */

struct replayer {
    struct trace_reader tr;
    struct tracee t;
    struct replay_result *res;
    char trace_dir[PATH_MAX];
    uint64_t brk;                /* current program break as replayed (0: not known yet) */
    bool output_broken;          /* our stdout/stderr went away (EPIPE): stop copying output */
    bool alive;
    bool debug;                  /* REWIND_DEBUG set: narrate events on stderr */
    char shared_dir[PATH_MAX];   /* private folder of writable copies for MAP_SHARED files */
    struct shared_copy {
        uint64_t dev, ino;
    } shared[256];               /* copy i is shared_dir/i: one per recorded file identity */
    int nshared;
    uint64_t swap_mask;          /* the last event was a syscall that waits under a temporary
                                    signal mask (rt_sigsuspend, ppoll...): that mask's address */
};

/* ---- failures ---- */

static void describe_syscall(char *out, size_t n, long nr, const uint64_t a[6])
{
    const char *name = syscall_name(nr);
    char num[32];
    if (!name) {
        snprintf(num, sizeof num, "syscall_%ld", nr);
        name = num;
    }
    snprintf(out, n, "%s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)", name, (unsigned long)a[0],
             (unsigned long)a[1], (unsigned long)a[2], (unsigned long)a[3], (unsigned long)a[4],
             (unsigned long)a[5]);
}

static void describe_event(char *out, size_t n, const struct trace_event *ev)
{
    switch (ev->kind) {
    case EV_SYSCALL:
        describe_syscall(out, n, ev->sys.nr, ev->sys.args);
        break;
    case EV_SIGNAL:
        snprintf(out, n, "signal %s (%s)", strsignal((int)ev->sig.signo),
                 ev->sig.sync ? "fault" : "async");
        break;
    case EV_RDTSC:
        snprintf(out, n, "rdtsc");
        break;
    case EV_EXEC:
        snprintf(out, n, "execve");
        break;
    case EV_EXIT:
        snprintf(out, n, "program exit");
        break;
    default:
        snprintf(out, n, "event kind %u", ev->kind);
    }
}

static void describe_stop(struct replayer *r, const struct stop_info *s, char *out, size_t n)
{
    switch (s->kind) {
    case STOP_EXITED:
        if (WIFEXITED(s->status))
            snprintf(out, n, "program exit with status %d", WEXITSTATUS(s->status));
        else
            snprintf(out, n, "program killed by %s", strsignal(WTERMSIG(s->status)));
        break;
    case STOP_SYSCALL: {
        tracee_get_regs(&r->t);
        uint64_t a[6];
        regs_syscall_args(&r->t.regs, a);
        describe_syscall(out, n, (long)r->t.regs.orig_rax, a);
        break;
    }
    case STOP_SIGNAL:
        snprintf(out, n, "signal %s", strsignal(s->sig));
        break;
    default:
        snprintf(out, n, "ptrace stop 0x%x", s->status);
    }
}

static int diverged(struct replayer *r, const struct trace_event *ev, const char *got)
{
    char want[512];
    describe_event(want, sizeof want, ev);
    r->res->error_code = 5;
    snprintf(r->res->message, sizeof r->res->message,
             "replay diverged at event %lu: expected %s, got %s", (unsigned long)ev->index, want,
             got);
    return -1;
}

static int diverged_stop(struct replayer *r, const struct trace_event *ev, const struct stop_info *s)
{
    char got[512];
    describe_stop(r, s, got, sizeof got);
    return diverged(r, ev, got);
}

/* ---- running the tracee ---- */

static struct stop_info resume(struct replayer *r, int sig)
{
    if (ptrace(PTRACE_SYSEMU, r->t.pid, 0, sig) < 0)
        fatal("cannot resume the replay: %s", strerror(errno));
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

static int64_t inject(struct replayer *r, long nr, uint64_t a0, uint64_t a1, uint64_t a2,
                      uint64_t a3, uint64_t a4, uint64_t a5)
{
    uint64_t args[6] = {a0, a1, a2, a3, a4, a5};
    return tracee_inject_syscall(&r->t, r->t.regs.rip - 2, nr, args, 0, NULL);
}

/* ---- program output ---- */

static void copy_out(struct replayer *r, int fd, uint64_t addr, uint64_t len)
{
    uint8_t chunk[65536];
    while (len && !r->output_broken) {
        size_t n = len < sizeof chunk ? len : sizeof chunk;
        if (tracee_read(&r->t, addr, chunk, n) < 0)
            return;
        if (write_all(fd, chunk, n) < 0)
            r->output_broken = true;
        addr += n;
        len -= n;
    }
}

static void replay_output(struct replayer *r, const struct trace_event *ev)
{
    int fd = ev->sys.flags & SYSF_STDOUT ? 1 : 2;
    uint64_t left = (uint64_t)ev->sys.result;
    const uint64_t *a = ev->sys.args;
    if (ev->sys.nr == SYS_write || ev->sys.nr == SYS_pwrite64) {
        copy_out(r, fd, a[1], left);
        return;
    }
    /* writev family: iovec array a[1], a[2] entries */
    for (uint64_t i = 0; i < a[2] && left; i++) {
        struct iovec iov;
        if (tracee_read(&r->t, a[1] + i * sizeof iov, &iov, sizeof iov) < 0)
            return;
        uint64_t n = iov.iov_len < left ? iov.iov_len : left;
        copy_out(r, fd, (uint64_t)iov.iov_base, n);
        left -= n;
    }
}

/* ---- syscalls ---- */

static int apply_writes(struct replayer *r, const struct trace_event *ev)
{
    struct cursor c = ev->sys.writes;
    for (uint32_t i = 0; i < ev->sys.write_count; i++) {
        uint64_t addr = cur_u64(&c);
        uint32_t len = cur_u32(&c);
        const uint8_t *bytes = cur_bytes(&c, len);
        if (!bytes)
            return -1;
        int w = tracee_write(&r->t, addr, bytes, len);
        if (w < 0) {
            char got[128];
            snprintf(got, sizeof got, "no writable memory at %#lx (%s)", (unsigned long)addr,
                     strerror(-w));
            return diverged(r, ev, got);
        }
    }
    return 0;
}

static void set_result(struct replayer *r, int64_t result)
{
    r->t.regs.rax = (uint64_t)result;
    tracee_set_regs(&r->t);
}

static int emulate(struct replayer *r, const struct trace_event *ev)
{
    if (apply_writes(r, ev) < 0)
        return -1;
    set_result(r, ev->sys.result);
    if (ev->sys.flags & (SYSF_STDOUT | SYSF_STDERR))
        replay_output(r, ev);
    return 0;
}

static int check_real(struct replayer *r, const struct trace_event *ev, int64_t got)
{
    if (got == ev->sys.result)
        return 0;
    char text[160];
    snprintf(text, sizeof text, "result %ld instead of %ld", (long)got, (long)ev->sys.result);
    return diverged(r, ev, text);
}

static int run_real(struct replayer *r, const struct trace_event *ev)
{
    const uint64_t *a = ev->sys.args;
    int64_t got = inject(r, ev->sys.nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    if (check_real(r, ev, got) < 0)
        return -1;
    set_result(r, got);
    return 0;
}

static bool is_error(int64_t v) { return v < 0 && v >= -4095; }

/* Scratch memory in the tracee for an injected syscall's string argument. */
static uint64_t scratch_addr(struct replayer *r)
{
    return ((r->t.regs.rsp - 128 - 8192) & ~(uint64_t)15);
}

/* Path of the replay's writable copy of a file mapped MAP_SHARED while recording; every shared
 * mapping of the same recorded file maps the same copy, so stores show through all of them. */
static int shared_copy_path(struct replayer *r, const struct trace_event *ev, char *out, size_t n)
{
    int i;
    for (i = 0; i < r->nshared; i++)
        if (r->shared[i].dev == ev->sys.file_dev && r->shared[i].ino == ev->sys.file_ino)
            break;
    if (!r->shared_dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(r->shared_dir, sizeof r->shared_dir, "%s/rewind-replay-XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(r->shared_dir)) {
            r->shared_dir[0] = 0;
            return -1;
        }
    }
    snprintf(out, n, "%s/%d", r->shared_dir, i);
    if (i < r->nshared)
        return 0;
    if (i == (int)(sizeof r->shared / sizeof r->shared[0]))
        return -1;
    int in = trace_blob_open(&r->tr, ev->sys.blob);
    int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    uint8_t chunk[65536];
    ssize_t got;
    while (in >= 0 && fd >= 0 && (got = read(in, chunk, sizeof chunk)) > 0)
        if (write_all(fd, chunk, (size_t)got) < 0)
            break;
    if (in >= 0)
        close(in);
    if (fd < 0)
        return -1;
    close(fd);
    r->shared[r->nshared++] = (struct shared_copy){ev->sys.file_dev, ev->sys.file_ino};
    return 0;
}

static void remove_shared_copies(struct replayer *r)
{
    if (!r->shared_dir[0])
        return;
    for (int i = 0; i < r->nshared; i++) {
        char path[PATH_MAX + 16];
        snprintf(path, sizeof path, "%s/%d", r->shared_dir, i);
        unlink(path);
    }
    rmdir(r->shared_dir);
}

static int replay_mmap(struct replayer *r, const struct trace_event *ev)
{
    const uint64_t *a = ev->sys.args;
    int64_t want = ev->sys.result;
    if (is_error(want))
        return emulate(r, ev);
    uint64_t flags = a[3] & ~(uint64_t)(MAP_FIXED_NOREPLACE | MAP_GROWSDOWN);
    int64_t got;
    if ((a[3] & MAP_ANONYMOUS) || !ev->sys.has_blob) {
        if (!(a[3] & MAP_ANONYMOUS))
            flags = (flags & ~(uint64_t)MAP_SHARED) | MAP_PRIVATE;
        got = inject(r, SYS_mmap, (uint64_t)want, a[1], a[2], flags | MAP_FIXED | MAP_ANONYMOUS,
                     (uint64_t)-1, 0);
    } else {
        char path[PATH_MAX + 80], rel[80];
        trace_blob_relpath(ev->sys.blob, rel);
        snprintf(path, sizeof path, "%s/%s", r->trace_dir, rel);
        int extra = (int)(a[3] & (MAP_NORESERVE | MAP_POPULATE | MAP_LOCKED));
        if ((a[3] & MAP_SHARED) && shared_copy_path(r, ev, path, sizeof path) == 0)
            extra |= MAP_SHARED;
        got = remote_map_file(&r->t, r->t.regs.rip - 2, scratch_addr(r), path, (uint64_t)want,
                              a[1], (int)a[2], extra, ev->sys.blob_offset);
    }
    if (check_real(r, ev, got) < 0)
        return -1;
    set_result(r, want);
    return 0;
}

static int replay_mremap(struct replayer *r, const struct trace_event *ev)
{
    const uint64_t *a = ev->sys.args;
    int64_t want = ev->sys.result;
    if (is_error(want))
        return emulate(r, ev);
    int64_t got;
    if ((uint64_t)want == a[0])
        got = inject(r, SYS_mremap, a[0], a[1], a[2], a[3] & ~(uint64_t)MREMAP_MAYMOVE, 0, 0);
    else
        got = inject(r, SYS_mremap, a[0], a[1], a[2],
                     MREMAP_MAYMOVE | MREMAP_FIXED | (a[3] & MREMAP_DONTUNMAP), (uint64_t)want, 0);
    if (check_real(r, ev, got) < 0)
        return -1;
    set_result(r, want);
    return 0;
}

/* The program break is replayed as plain anonymous mappings, so the kernel's own brk of the
 * replaying process (the husk's) never matters. */
static int replay_brk(struct replayer *r, const struct trace_event *ev)
{
    uint64_t want = (uint64_t)ev->sys.result;
    uint64_t old_top = (r->brk + PAGE - 1) & ~(uint64_t)(PAGE - 1);
    uint64_t new_top = (want + PAGE - 1) & ~(uint64_t)(PAGE - 1);
    if (r->brk && new_top > old_top) {
        int64_t got = inject(r, SYS_mmap, old_top, new_top - old_top, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, (uint64_t)-1, 0);
        if ((uint64_t)got != old_top) {
            char text[128];
            snprintf(text, sizeof text, "cannot grow the heap to %#lx", (unsigned long)want);
            return diverged(r, ev, text);
        }
    } else if (r->brk && new_top < old_top) {
        inject(r, SYS_munmap, new_top, old_top - new_top, 0, 0, 0, 0);
    }
    r->brk = want;
    set_result(r, (int64_t)want);
    return 0;
}

/* Address of the temporary signal mask a waiting syscall installs while it waits, or 0. A signal
 * that interrupts such a wait is delivered under that mask, and the kernel restores the old one
 * when the handler returns; replay gets the same by running rt_sigsuspend(mask) for real. */
static uint64_t temporary_mask(struct replayer *r, const struct trace_event *ev)
{
    const uint64_t *a = ev->sys.args;
    switch (ev->sys.nr) {
    case SYS_rt_sigsuspend:
        return a[0];
    case SYS_ppoll:
        return a[3];
    case SYS_epoll_pwait:
    case SYS_epoll_pwait2:
        return a[4];
    case SYS_pselect6: {
        uint64_t pair[2] = {0, 0};
        if (a[5])
            tracee_read(&r->t, a[5], pair, sizeof pair);
        return pair[0];
    }
    default:
        return 0;
    }
}

static int replay_syscall(struct replayer *r, const struct trace_event *ev)
{
    r->swap_mask = temporary_mask(r, ev);
    const struct syscall_desc *d = syscall_lookup(ev->sys.nr);
    if (!d->name || d->replay == SC_EMULATE)
        return emulate(r, ev);
    if (d->replay == SC_REAL) {
        if (ev->sys.nr == SYS_rt_sigreturn) {
            uint64_t none[6] = {0};
            tracee_inject_syscall(&r->t, r->t.regs.rip - 2, SYS_rt_sigreturn, none,
                                  INJECT_KEEP_REGS, NULL);
            return 0;
        }
        return run_real(r, ev);
    }
    switch (ev->sys.nr) {
    case SYS_mmap:
        return replay_mmap(r, ev);
    case SYS_mremap:
        return replay_mremap(r, ev);
    case SYS_brk:
        return replay_brk(r, ev);
    case SYS_arch_prctl:
        return run_real(r, ev);
    default:
        /* clone, fork, vfork (no child runs in replay), rseq, prctl, shmat, a failed execve... */
        return emulate(r, ev);
    }
}

static int expect_syscall(struct replayer *r, const struct trace_event *ev, int sig, bool exec)
{
    struct stop_info s = resume(r, sig);
    if (s.kind != STOP_SYSCALL)
        return diverged_stop(r, ev, &s);
    tracee_get_regs(&r->t);
    uint64_t a[6];
    regs_syscall_args(&r->t.regs, a);
    long nr = (long)r->t.regs.orig_rax;
    bool same = exec ? (nr == SYS_execve || nr == SYS_execveat)
                     : (nr == (long)ev->sys.nr && !memcmp(a, ev->sys.args, sizeof a));
    if (!same)
        return diverged_stop(r, ev, &s);
    return 0;
}

/* ---- exec ---- */

/* Prepares a page holding a `syscall` instruction that survives the old image's unmapping, and
 * resets caught signals to their defaults, as execve does. Returns the instruction's address. */
static uint64_t prepare_exec(struct replayer *r, const struct image *img)
{
    uint64_t page = REWIND_PAGE_ADDR;
    for (uint32_t i = 0; i < img->region_count; i++)
        if (img->regions[i].start < page + PAGE && page < img->regions[i].end)
            page += 1ull << 32; /* rare: step past the recorded mapping */
    int64_t got = inject(r, SYS_mmap, page, PAGE, PROT_READ | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, (uint64_t)-1, 0);
    if ((uint64_t)got != page)
        return 0;
    static const uint8_t code[4] = {0x0f, 0x05, 0x0f, 0x05};
    uint8_t dfl[32] = {0}; /* struct kernel_sigaction with SIG_DFL */
    tracee_write(&r->t, page, code, sizeof code);
    tracee_write(&r->t, page + 64, dfl, sizeof dfl);
    uint64_t caught = proc_status_mask(r->t.pid, "SigCgt");
    for (int sig = 1; sig <= 64; sig++)
        if (caught & (1ull << (sig - 1)))
            inject(r, SYS_rt_sigaction, (uint64_t)sig, page + 64, 0, 8, 0, 0);
    return page;
}

static int replay_exec(struct replayer *r, const struct trace_event *ev, uint64_t inj)
{
    struct image img;
    char err[512];
    if (image_parse(ev->body, &img) < 0) {
        image_free(&img);
        r->res->error_code = 4;
        snprintf(r->res->message, sizeof r->res->message,
                 "trace events are corrupted: bad exec image at event %lu",
                 (unsigned long)ev->index);
        return -1;
    }
    if (!inj)
        inj = prepare_exec(r, &img);
    int rc = inj ? image_rebuild(&r->t, &img, r->trace_dir, inj, err, sizeof err) : -1;
    if (!inj)
        snprintf(err, sizeof err, "%s", "no room for the exec injection page");
    image_free(&img);
    r->brk = 0;
    if (rc < 0)
        return diverged(r, ev, err);
    return 0;
}

/* ---- starting: the husk ---- */

static int start_husk(struct replayer *r, const struct image *img)
{
    char self[PATH_MAX], husk[PATH_MAX + 16];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n < 0)
        fatal("cannot find the agent's own path");
    self[n] = 0;
    char *slash = strrchr(self, '/');
    *slash = 0;
    snprintf(husk, sizeof husk, "%s/rewind-husk", self);
    char depth[32];
    snprintf(depth, sizeof depth, "%lu", (unsigned long)(image_stack_size(img) + 65536));

    pid_t pid = fork();
    if (pid < 0)
        fatal("fork: %s", strerror(errno));
    if (pid == 0) {
        for (int sig = 1; sig < 65; sig++)
            if (sig != SIGKILL && sig != SIGSTOP)
                signal(sig, (img->sig_ignored >> (sig - 1)) & 1 ? SIG_IGN : SIG_DFL);
        sigset_t mask;
        sigemptyset(&mask);
        for (int sig = 1; sig < 65; sig++)
            if ((img->sig_blocked >> (sig - 1)) & 1)
                sigaddset(&mask, sig);
        sigprocmask(SIG_SETMASK, &mask, NULL);
        struct rlimit nocore = {0, 0};
        setrlimit(RLIMIT_CORE, &nocore);
        personality(ADDR_NO_RANDOMIZE);
        prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        char *argv[] = {husk, depth, NULL};
        char *envp[] = {NULL};
        execve(husk, argv, envp);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, __WALL); /* SIGTRAP after exec */
    if (!WIFSTOPPED(status)) {
        r->res->error_code = 8;
        snprintf(r->res->message, sizeof r->res->message, "cannot start the replay husk %s", husk);
        return -1;
    }
    ptrace(PTRACE_SETOPTIONS, pid, 0,
           PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL);
    ptrace(PTRACE_CONT, pid, 0, 0);
    waitpid(pid, &status, __WALL); /* the husk's own SIGSTOP */
    if (!WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP) {
        r->res->error_code = 8;
        snprintf(r->res->message, sizeof r->res->message, "the replay husk did not start");
        return -1;
    }
    r->t.pid = pid;
    r->alive = true;
    if (tracee_attach_mem(&r->t) < 0)
        fatal("cannot open the replay's memory: %s", strerror(errno));
    return 0;
}

/* ---- the loop ---- */

static int replay_exit(struct replayer *r, const struct trace_event *ev, int sig)
{
    int want = ev->exit.status;
    r->res->wait_status = want;
    for (;;) {
        struct stop_info s = resume(r, sig);
        sig = 0;
        if (s.kind == STOP_EXITED) {
            bool same = WIFEXITED(want) ? WIFEXITED(s.status) &&
                                              WEXITSTATUS(s.status) == WEXITSTATUS(want)
                                        : WIFSIGNALED(s.status) &&
                                              WTERMSIG(s.status) == WTERMSIG(want);
            return same ? 0 : diverged_stop(r, ev, &s);
        }
        if (s.kind == STOP_SYSCALL) {
            tracee_get_regs(&r->t);
            long nr = (long)r->t.regs.orig_rax;
            if (nr == SYS_exit_group || nr == SYS_exit) {
                if (WIFEXITED(want) && (int)(r->t.regs.rdi & 0xff) == WEXITSTATUS(want))
                    return 0;
                return diverged_stop(r, ev, &s);
            }
        }
        if (WIFSIGNALED(want) && WTERMSIG(want) == SIGKILL)
            return 0; /* killed from outside while recording: it stopped here */
        return diverged_stop(r, ev, &s);
    }
}

static int replay_events(struct replayer *r)
{
    struct trace_event ev;
    int sig = 0; /* signal to deliver on the next resume */
    for (;;) {
        int got = trace_reader_next(&r->tr, &ev);
        if (got < 0) {
            r->res->error_code = 4;
            snprintf(r->res->message, sizeof r->res->message, "%s", r->tr.error);
            return -1;
        }
        if (got == 0) {
            snprintf(r->res->message, sizeof r->res->message,
                     "the recording ends after event %lu: it was cut short%s",
                     (unsigned long)(r->tr.next_event ? r->tr.next_event - 1 : 0),
                     r->tr.cut_short ? " (its last block is incomplete)" : "");
            return 0;
        }
        r->res->events = ev.index + 1;
        if (r->debug) {
            char text[512];
            describe_event(text, sizeof text, &ev);
            fprintf(stderr, "rewind-agent: replay event %lu: %s = %ld\n", (unsigned long)ev.index,
                    text, ev.kind == EV_SYSCALL ? (long)ev.sys.result : 0L);
        }
        switch (ev.kind) {
        case EV_SYSCALL:
            if (expect_syscall(r, &ev, sig, false) < 0 || replay_syscall(r, &ev) < 0)
                return -1;
            sig = 0;
            break;
        case EV_EXEC:
            r->swap_mask = 0;
            if (expect_syscall(r, &ev, sig, true) < 0 || replay_exec(r, &ev, 0) < 0)
                return -1;
            sig = 0;
            break;
        case EV_SIGNAL: {
            struct stop_info s;
            if (!ev.sig.sync)
                syscall(SYS_tgkill, r->t.pid, r->t.pid, (int)ev.sig.signo);
            if (!ev.sig.sync && r->swap_mask) {
                uint64_t args[6] = {r->swap_mask, 8, 0, 0, 0, 0};
                tracee_inject_syscall(&r->t, r->t.regs.rip - 2, SYS_rt_sigsuspend, args, 0, NULL);
            }
            r->swap_mask = 0;
            s = resume(r, sig);
            if (s.kind != STOP_SIGNAL || s.sig != (int)ev.sig.signo)
                return diverged_stop(r, &ev, &s);
            ptrace(PTRACE_SETSIGINFO, r->t.pid, 0, ev.sig.siginfo);
            sig = (int)ev.sig.signo;
            break;
        }
        case EV_RDTSC: {
            r->swap_mask = 0;
            struct stop_info s = resume(r, sig);
            sig = 0;
            if (s.kind != STOP_SIGNAL || s.sig != SIGSEGV)
                return diverged_stop(r, &ev, &s);
            tracee_get_regs(&r->t);
            r->t.regs.rax = (uint32_t)ev.tsc.tsc;
            r->t.regs.rdx = ev.tsc.tsc >> 32;
            if (ev.tsc.is_rdtscp)
                r->t.regs.rcx = ev.tsc.aux;
            r->t.regs.rip += ev.tsc.is_rdtscp ? 3 : 2;
            tracee_set_regs(&r->t);
            break;
        }
        case EV_OUTPUT:
            if (!r->output_broken && write_all(ev.out.stream == 1 ? 1 : 2, ev.out.bytes,
                                               ev.out.len) < 0)
                r->output_broken = true;
            break;
        case EV_EXIT:
            if (replay_exit(r, &ev, sig) < 0)
                return -1;
            r->res->complete = true;
            return 0;
        case EV_STOP:
            snprintf(r->res->message, sizeof r->res->message, "%.*s", (int)ev.stop.len,
                     ev.stop.reason);
            r->res->wait_status = SIGKILL;
            r->res->complete = true;
            return 0;
        }
    }
}

void replay_run(const struct replay_request *req, struct replay_result *res)
{
    memset(res, 0, sizeof *res);
    struct replayer *r = calloc(1, sizeof *r);
    if (!r)
        fatal("out of memory");
    r->res = res;
    r->t.mem_fd = -1;
    r->debug = getenv("REWIND_DEBUG") != NULL;
    signal(SIGPIPE, SIG_IGN);
    if (trace_reader_open(&r->tr, req->trace_dir) < 0 ||
        !realpath(req->trace_dir, r->trace_dir)) {
        res->error_code = 4;
        snprintf(res->message, sizeof res->message, "%s",
                 r->tr.error[0] ? r->tr.error : strerror(errno));
        goto out;
    }
    struct trace_event ev;
    int got = trace_reader_next(&r->tr, &ev);
    if (got <= 0 || ev.kind != EV_EXEC) {
        res->error_code = 4;
        snprintf(res->message, sizeof res->message, "%s",
                 got < 0 ? r->tr.error
                         : "the recording holds no program start (it was cut short at once)");
        goto out;
    }
    struct image img;
    if (image_parse(ev.body, &img) < 0) {
        image_free(&img);
        res->error_code = 4;
        snprintf(res->message, sizeof res->message, "trace events are corrupted: bad exec image");
        goto out;
    }
    int started = start_husk(r, &img);
    image_free(&img);
    if (started < 0)
        goto out;
    tracee_get_regs(&r->t);
    uint64_t inj = r->t.regs.rip - 2;
    res->events = 1;
    if (replay_exec(r, &ev, inj) < 0)
        goto out;
    if (req->on_started)
        req->on_started(req->ctx, r->t.pid);
    replay_events(r);
out:
    if (r->alive) {
        kill(r->t.pid, SIGKILL);
        int status;
        while (waitpid(r->t.pid, &status, __WALL) > 0 && !WIFEXITED(status) &&
               !WIFSIGNALED(status))
            ptrace(PTRACE_CONT, r->t.pid, 0, 0);
    }
    tracee_detach_mem(&r->t);
    remove_shared_copies(r);
    trace_reader_close(&r->tr);
    free(r);
}
