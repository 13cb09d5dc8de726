/*
 * thread_state.c: one thread's state for thread_fork.c (see thread_fork.h): read from a stopped
 * thread (ptrace, plus a few syscalls injected into it), given to another thread, and a thread put
 * back "in its place" (a syscall-entry stop re-entered, an interrupted syscall restarted by hand).
 *
 * Invariant: every function takes a thread in a ptrace stop and leaves it in one; a thread left
 * after an injection is in a syscall-exit stop until thread_state_place puts it in its place.
 */
#include "thread_fork.h"
#include "tracee.h"
#include "util.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

/* The kernel's syscall-restart codes (include/linux/errno.h; never seen by user code). */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31) /* (linux/signal.h; not in older libc headers) */
#endif

/* Scratch layout (256 bytes at scratch): what the injected syscalls read and write. */
#define SCRATCH_TID_ADDRESS 0   /* PR_GET_TID_ADDRESS result (8) */
#define SCRATCH_ALTSTACK 16     /* stack_t (24) */
#define SCRATCH_TSC 48          /* PR_GET_TSC result (int) */
#define SCRATCH_NAME 64         /* PR_SET_NAME argument (16) */

int thread_place_of(pid_t tid)
{
    struct user_regs_struct r;
    if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
        return -1;
    switch (syscall_stop_op(tid)) {
    case 1:
        return PLACE_SYSCALL_ENTRY;
    case 2:
        return PLACE_SYSCALL_EXIT;
    case 3:
        return -1;
    default:
        break;
    }
    /* A ptrace event stop (clone, fork, exec, exit...) is inside a syscall whose result is not
     * in the registers yet: no place to resume at. Its siginfo says SIGTRAP | event << 8. */
    siginfo_t si;
    if (ptrace(PTRACE_GETSIGINFO, tid, 0, &si) == 0 && si.si_signo == SIGTRAP &&
        (si.si_code >> 8) != 0)
        return -1;
    return PLACE_USER;
}

/* Runs syscall nr in thread tid (registers kept). Its result, or INJECT_DIED. */
static int64_t inject(pid_t tid, int mem_fd, uint64_t inj, long nr, uint64_t a0, uint64_t a1,
                      uint64_t a2, uint64_t a3)
{
    struct tracee t = {.pid = tid, .mem_fd = mem_fd};
    tracee_get_regs(&t);
    uint64_t args[6] = {a0, a1, a2, a3, 0, 0};
    return tracee_inject_syscall(&t, inj, nr, args, 0, NULL);
}

static int open_mem(pid_t tid, char *err, size_t errlen)
{
    struct tracee t = {.pid = tid, .mem_fd = -1};
    if (tracee_attach_mem(&t) < 0)
        snprintf(err, errlen, "cannot open the memory of thread %d: %s", tid, strerror(errno));
    return t.mem_fd;
}

static int read_name(pid_t tid, char name[16])
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/comm", tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, name, 15);
    close(fd);
    if (n < 0)
        return -1;
    name[n] = 0;
    char *nl = strchr(name, '\n');
    if (nl)
        *nl = 0;
    return 0;
}

/* The state ptrace and the tracer's own syscalls give. 0, or -1 with err. */
static int read_by_ptrace(pid_t tid, struct thread_fork_state *st, char *err, size_t errlen)
{
    if (ptrace(PTRACE_GETREGS, tid, 0, &st->regs) < 0) {
        snprintf(err, errlen, "cannot read the registers of thread %d: %s", tid, strerror(errno));
        return -1;
    }
    st->xstate = xmalloc(THREAD_XSTATE_MAX);
    struct iovec iov = {st->xstate, THREAD_XSTATE_MAX};
    if (ptrace(PTRACE_GETREGSET, tid, NT_X86_XSTATE, &iov) == 0) {
        st->xstate_len = iov.iov_len;
    } else if (ptrace(PTRACE_GETFPREGS, tid, 0, st->xstate) == 0) {
        st->xstate_is_fpregs = 1;
        st->xstate_len = sizeof(struct user_fpregs_struct);
    } else {
        snprintf(err, errlen, "cannot read the FP registers of thread %d: %s", tid,
                 strerror(errno));
        return -1;
    }
    if (ptrace(PTRACE_GETSIGMASK, tid, sizeof st->sigmask, &st->sigmask) < 0) {
        snprintf(err, errlen, "cannot read the signal mask of thread %d: %s", tid,
                 strerror(errno));
        return -1;
    }
    void *head = NULL;
    size_t len = 0;
    if (syscall(SYS_get_robust_list, tid, &head, &len) < 0) {
        snprintf(err, errlen, "cannot read the robust list of thread %d: %s", tid,
                 strerror(errno));
        return -1;
    }
    st->robust_head = (uint64_t)(uintptr_t)head;
    st->robust_len = len;
    struct __ptrace_rseq_configuration rc;
    memset(&rc, 0, sizeof rc);
    if (ptrace(PTRACE_GET_RSEQ_CONFIGURATION, tid, sizeof rc, &rc) < 0 && errno != EIO &&
        errno != EINVAL) { /* (EIO/EINVAL: a kernel without it: no rseq either) */
        snprintf(err, errlen, "cannot read the rseq registration of thread %d: %s", tid,
                 strerror(errno));
        return -1;
    }
    st->rseq_addr = rc.rseq_abi_pointer;
    st->rseq_len = rc.rseq_abi_size;
    st->rseq_sig = rc.signature;
    long got = syscall(SYS_sched_getaffinity, tid, sizeof st->affinity, st->affinity);
    if (got < 0 || read_name(tid, st->name) < 0) {
        snprintf(err, errlen, "cannot read the CPU affinity or name of thread %d: %s", tid,
                 strerror(errno));
        return -1;
    }
    st->affinity_len = (size_t)got;
    return 0;
}

int thread_state_read(pid_t tid, uint64_t inj, uint64_t scratch, unsigned flags,
                      struct thread_fork_state *st, char *err, size_t errlen)
{
    memset(st, 0, sizeof *st);
    st->tid = tid;
    int place = thread_place_of(tid);
    st->entry_emulated = place == PLACE_SYSCALL_ENTRY && (flags & THREAD_FORK_SYSEMU);
    if (place < 0) {
        snprintf(err, errlen, "thread %d is not in a stop a copy can be made at (not stopped, "
                              "or a ptrace event or seccomp stop)", tid);
        return -1;
    }
    st->place = (enum thread_place)place;
    if (read_by_ptrace(tid, st, err, errlen) < 0)
        return -1;
    /* What only the thread itself can ask the kernel: injected. */
    int mem = open_mem(tid, err, errlen);
    if (mem < 0)
        return -1;
    int64_t a = inject(tid, mem, inj, SYS_prctl, PR_GET_TID_ADDRESS, scratch + SCRATCH_TID_ADDRESS,
                       0, 0);
    int64_t b = inject(tid, mem, inj, SYS_sigaltstack, 0, scratch + SCRATCH_ALTSTACK, 0, 0);
    int64_t c = inject(tid, mem, inj, SYS_prctl, PR_GET_TSC, scratch + SCRATCH_TSC, 0, 0);
    uint8_t buf[64];
    struct tracee t = {.pid = tid, .mem_fd = mem};
    int rd = tracee_read(&t, scratch, buf, sizeof buf);
    close(mem);
    if (a == INJECT_DIED || b == INJECT_DIED || c == INJECT_DIED) {
        snprintf(err, errlen, "thread %d died while its state was read", tid);
        return -1;
    }
    if (a < 0 || b < 0 || c < 0 || rd < 0) {
        snprintf(err, errlen, "cannot read the tid address, signal stack or TSC mode of thread "
                              "%d (%ld, %ld, %ld, %d)", tid, (long)a, (long)b, (long)c, rd);
        char err2[256];
        if (thread_state_place(tid, st, err2, sizeof err2) < 0)
            warn("thread %d not put back: %s", tid, err2);
        return -1;
    }
    memcpy(&st->clear_child_tid, buf + SCRATCH_TID_ADDRESS, 8);
    stack_t ss;
    memcpy(&ss, buf + SCRATCH_ALTSTACK, sizeof ss);
    st->altstack.sp = (uint64_t)(uintptr_t)ss.ss_sp;
    st->altstack.flags = ss.ss_flags;
    st->altstack.size = ss.ss_size;
    memcpy(&st->tsc_mode, buf + SCRATCH_TSC, sizeof st->tsc_mode);
    return 0;
}

void thread_state_free(struct thread_fork_state *st)
{
    free(st->xstate);
    st->xstate = NULL;
}

struct user_regs_struct thread_resume_regs(const struct thread_fork_state *st, int for_source)
{
    struct user_regs_struct r = st->regs;
    if (st->place == PLACE_SYSCALL_ENTRY || (int64_t)r.orig_rax < 0)
        return r;
    /* A source thread at a syscall-exit stop keeps its pending signal, and with it the kernel's
     * own restart; anywhere else the restart is done here, as the kernel does it when a thread
     * is resumed without a signal (arch_do_signal_or_restart). */
    if (for_source && st->place == PLACE_SYSCALL_EXIT)
        return r;
    int64_t rax = (int64_t)r.rax;
    if (rax == -ERESTARTSYS || rax == -ERESTARTNOINTR || rax == -ERESTARTNOHAND) {
        r.rip -= 2;
        r.rax = r.orig_rax;
        r.orig_rax = (uint64_t)-1;
    } else if (rax == -ERESTART_RESTARTBLOCK) {
        r.rip -= 2;
        r.rax = for_source ? (uint64_t)SYS_restart_syscall : r.orig_rax;
        r.orig_rax = (uint64_t)-1;
    }
    return r;
}

/* Thread tid, in a syscall-exit stop, runs the syscall instruction before regs->rip again with
 * regs' arguments up to its entry stop, then gets regs exactly. emulated: through PTRACE_SYSEMU
 * (the kernel then skips the syscall at any resume), else PTRACE_SYSCALL (a resume runs it).
 * 0, or -1 with err. */
static int reenter_syscall(pid_t tid, const struct user_regs_struct *regs, int emulated,
                           char *err, size_t errlen)
{
    struct user_regs_struct r = *regs;
    r.rip -= 2;
    r.rax = r.orig_rax;
    if (ptrace(PTRACE_SETREGS, tid, 0, &r) < 0) {
        snprintf(err, errlen, "cannot set the registers of thread %d: %s", tid, strerror(errno));
        return -1;
    }
    int deferred[8], ndeferred = 0;
    for (;;) {
        if (ptrace(emulated ? PTRACE_SYSEMU : PTRACE_SYSCALL, tid, 0, 0) < 0) {
            snprintf(err, errlen, "cannot resume thread %d: %s", tid, strerror(errno));
            return -1;
        }
        int status;
        while (waitpid(tid, &status, __WALL) < 0)
            if (errno != EINTR) {
                snprintf(err, errlen, "waitpid(%d): %s", tid, strerror(errno));
                return -1;
            }
        struct stop_info s = classify_stop(tid, status);
        if (s.kind == STOP_EXITED) {
            snprintf(err, errlen, "thread %d died re-entering its syscall", tid);
            return -1;
        }
        if (s.kind == STOP_SIGNAL && ndeferred < (int)(sizeof deferred / sizeof deferred[0])) {
            deferred[ndeferred++] = s.sig; /* queued again once it is in place */
            continue;
        }
        if (s.kind == STOP_SYSCALL && syscall_stop_op(tid) == 1)
            break;
        if (s.kind == STOP_GROUP || (s.kind == STOP_EVENT && s.event == PTRACE_EVENT_SECCOMP))
            continue;
        snprintf(err, errlen, "unexpected stop (status %#x) of thread %d re-entering its syscall",
                 status, tid);
        return -1;
    }
    struct user_regs_struct now;
    if (ptrace(PTRACE_GETREGS, tid, 0, &now) < 0 ||
        regs_syscall_nr(&now) != regs_syscall_nr(regs)) {
        snprintf(err, errlen, "thread %d re-entered syscall %ld instead of %ld", tid,
                 regs_syscall_nr(&now), regs_syscall_nr(regs));
        return -1;
    }
    if (ptrace(PTRACE_SETREGS, tid, 0, regs) < 0) {
        snprintf(err, errlen, "cannot set the registers of thread %d: %s", tid, strerror(errno));
        return -1;
    }
    for (int i = 0; i < ndeferred; i++)
        syscall(SYS_tkill, tid, deferred[i]);
    return 0;
}

/* Puts thread tid (in a syscall-exit stop) in st's place with st's registers. */
static int place_thread(pid_t tid, const struct thread_fork_state *st, int for_source, char *err,
                        size_t errlen)
{
    if (st->place == PLACE_SYSCALL_ENTRY)
        return reenter_syscall(tid, &st->regs, st->entry_emulated, err, errlen);
    struct user_regs_struct r = thread_resume_regs(st, for_source);
    if (ptrace(PTRACE_SETREGS, tid, 0, &r) < 0) {
        snprintf(err, errlen, "cannot set the registers of thread %d: %s", tid, strerror(errno));
        return -1;
    }
    return 0;
}

int thread_state_place(pid_t tid, const struct thread_fork_state *st, char *err, size_t errlen)
{
    return place_thread(tid, st, 1, err, errlen);
}

/* The attributes set by syscalls injected into tid. 0, or -1 with err. */
static int apply_injected(pid_t tid, int mem, const struct thread_fork_state *st, uint64_t inj,
                          uint64_t scratch, int is_forked, char *err, size_t errlen)
{
    struct tracee t = {.pid = tid, .mem_fd = mem};
    int64_t rc[6] = {0};
    const char *what[6] = {"set_tid_address", "set_robust_list", "sigaltstack", "rseq",
                           "prctl(PR_SET_NAME)", "prctl(PR_SET_TSC)"};
    rc[0] = inject(tid, mem, inj, SYS_set_tid_address, st->clear_child_tid, 0, 0, 0);
    if (rc[0] >= 0)
        rc[0] = 0; /* (it returns the tid) */
    rc[1] = inject(tid, mem, inj, SYS_set_robust_list, st->robust_head, st->robust_len, 0, 0);
    if (!is_forked && !(st->altstack.flags & SS_DISABLE)) {
        stack_t ss = {.ss_sp = (void *)(uintptr_t)st->altstack.sp,
                      .ss_flags = st->altstack.flags & SS_AUTODISARM,
                      .ss_size = st->altstack.size};
        if (tracee_write(&t, scratch + SCRATCH_ALTSTACK, &ss, sizeof ss) < 0)
            rc[2] = -EFAULT;
        else
            rc[2] = inject(tid, mem, inj, SYS_sigaltstack, scratch + SCRATCH_ALTSTACK, 0, 0, 0);
    }
    if (!is_forked && st->rseq_addr)
        rc[3] = inject(tid, mem, inj, SYS_rseq, st->rseq_addr, st->rseq_len, 0, st->rseq_sig);
    if (tracee_write(&t, scratch + SCRATCH_NAME, st->name, sizeof st->name) < 0)
        rc[4] = -EFAULT;
    else
        rc[4] = inject(tid, mem, inj, SYS_prctl, PR_SET_NAME, scratch + SCRATCH_NAME, 0, 0);
    rc[5] = inject(tid, mem, inj, SYS_prctl, PR_SET_TSC, (uint64_t)st->tsc_mode, 0, 0);
    for (int i = 0; i < 6; i++) {
        if (rc[i] == INJECT_DIED) {
            snprintf(err, errlen, "thread %d died while being set up", tid);
            return -1;
        }
        if (rc[i] < 0) {
            snprintf(err, errlen, "%s in thread %d failed: %s", what[i], tid,
                     strerror((int)-rc[i]));
            return -1;
        }
    }
    return 0;
}

int thread_state_apply(pid_t tid, const struct thread_fork_state *st, uint64_t inj,
                       uint64_t scratch, int is_forked, char *err, size_t errlen)
{
    int mem = open_mem(tid, err, errlen);
    if (mem < 0)
        return -1;
    int rc = apply_injected(tid, mem, st, inj, scratch, is_forked, err, errlen);
    close(mem);
    if (rc < 0)
        return -1;
    uint8_t now[sizeof st->affinity];
    long got = syscall(SYS_sched_getaffinity, tid, sizeof now, now);
    if (got < 0 || (size_t)got != st->affinity_len || memcmp(now, st->affinity, (size_t)got)) {
        if (syscall(SYS_sched_setaffinity, tid, st->affinity_len, st->affinity) < 0) {
            snprintf(err, errlen, "cannot set the CPU affinity of thread %d: %s", tid,
                     strerror(errno));
            return -1;
        }
    }
    if (ptrace(PTRACE_SETSIGMASK, tid, sizeof st->sigmask, &st->sigmask) < 0) {
        snprintf(err, errlen, "cannot set the signal mask of thread %d: %s", tid, strerror(errno));
        return -1;
    }
    struct iovec iov = {st->xstate, st->xstate_len};
    if (st->xstate_is_fpregs ? ptrace(PTRACE_SETFPREGS, tid, 0, st->xstate) < 0
                             : ptrace(PTRACE_SETREGSET, tid, NT_X86_XSTATE, &iov) < 0) {
        snprintf(err, errlen, "cannot set the FP/SSE/AVX state of thread %d: %s", tid,
                 strerror(errno));
        return -1;
    }
    return place_thread(tid, st, 0, err, errlen);
}
