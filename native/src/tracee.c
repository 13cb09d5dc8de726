/* tracee.c: see tracee.h. */
#include "tracee.h"
#include "util.h"

#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int tracee_attach_mem(struct tracee *t)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", t->pid);
    t->mem_fd = open(path, O_RDWR | O_CLOEXEC);
    return t->mem_fd < 0 ? -1 : 0;
}

void tracee_detach_mem(struct tracee *t)
{
    if (t->mem_fd >= 0)
        close(t->mem_fd);
    t->mem_fd = -1;
}

void tracee_get_regs(struct tracee *t)
{
    if (ptrace(PTRACE_GETREGS, t->pid, 0, &t->regs) < 0)
        fatal("cannot read registers of process %d: %s", t->pid, strerror(errno));
}

void tracee_set_regs(struct tracee *t)
{
    if (ptrace(PTRACE_SETREGS, t->pid, 0, &t->regs) < 0)
        fatal("cannot set registers of process %d: %s", t->pid, strerror(errno));
}

int tracee_read(struct tracee *t, uint64_t addr, void *out, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(t->mem_fd, (uint8_t *)out + got, n - got, (off_t)(addr + got));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        if (r == 0)
            return -EFAULT;
        got += (size_t)r;
    }
    return 0;
}

int tracee_write(struct tracee *t, uint64_t addr, const void *in, size_t n)
{
    size_t put = 0;
    while (put < n) {
        ssize_t r = pwrite(t->mem_fd, (const uint8_t *)in + put, n - put, (off_t)(addr + put));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        if (r == 0)
            return -EFAULT;
        put += (size_t)r;
    }
    return 0;
}

long regs_syscall_nr(const struct user_regs_struct *r)
{
    return (long)(int32_t)r->orig_rax;
}

void regs_syscall_args(const struct user_regs_struct *r, uint64_t args[6])
{
    args[0] = r->rdi;
    args[1] = r->rsi;
    args[2] = r->rdx;
    args[3] = r->r10;
    args[4] = r->r8;
    args[5] = r->r9;
}

int syscall_stop_op(pid_t pid)
{
    struct __ptrace_syscall_info info;
    memset(&info, 0, sizeof info);
    if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof info, &info) <= 0)
        return 0;
    switch (info.op) {
    case PTRACE_SYSCALL_INFO_ENTRY:
        return 1;
    case PTRACE_SYSCALL_INFO_EXIT:
        return 2;
    case PTRACE_SYSCALL_INFO_SECCOMP:
        return 3;
    default:
        return 0;
    }
}

struct stop_info classify_stop(pid_t pid, int status)
{
    struct stop_info s = {.status = status};
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
        s.kind = STOP_EXITED;
        return s;
    }
    int sig = WSTOPSIG(status);
    if (sig == (SIGTRAP | 0x80)) {
        s.kind = STOP_SYSCALL;
        return s;
    }
    if (status >> 16) {
        s.event = status >> 16;
        s.kind = s.event == PTRACE_EVENT_STOP ? STOP_GROUP : STOP_EVENT;
        s.sig = sig;
        return s;
    }
    siginfo_t si;
    if (ptrace(PTRACE_GETSIGINFO, pid, 0, &si) < 0 && errno == EINVAL) {
        s.kind = STOP_GROUP;
        s.sig = sig;
        return s;
    }
    s.kind = STOP_SIGNAL;
    s.sig = sig;
    return s;
}

int64_t tracee_inject_syscall(struct tracee *t, uint64_t insn_addr, long nr, const uint64_t args[6],
                              int flags, int *died_status)
{
    struct user_regs_struct saved = t->regs;
    struct user_regs_struct r = saved;
    r.rip = insn_addr;
    r.rax = (uint64_t)nr;
    r.orig_rax = (uint64_t)-1;
    r.rdi = args[0];
    r.rsi = args[1];
    r.rdx = args[2];
    r.r10 = args[3];
    r.r8 = args[4];
    r.r9 = args[5];
    t->regs = r;
    tracee_set_regs(t);

    bool entered = false;
    int deferred[8], ndeferred = 0;
    for (;;) {
        if (ptrace(PTRACE_SYSCALL, t->pid, 0, 0) < 0)
            fatal("cannot resume process %d: %s", t->pid, strerror(errno));
        int status;
        while (waitpid(t->pid, &status, __WALL) < 0)
            if (errno != EINTR) /* (the recorder's flush timer interrupts waits) */
                fatal("waitpid(%d): %s", t->pid, strerror(errno));
        struct stop_info s = classify_stop(t->pid, status);
        if (s.kind == STOP_EXITED) {
            if (died_status)
                *died_status = status;
            return INJECT_DIED;
        }
        if (s.kind == STOP_SIGNAL && ndeferred < (int)(sizeof deferred / sizeof deferred[0])) {
            deferred[ndeferred++] = s.sig; /* not now: raised again once the injection is done */
            continue;
        }
        if (s.kind != STOP_SYSCALL) {
            if (s.kind == STOP_EVENT && s.event == PTRACE_EVENT_EXIT)
                continue;
            fatal("unexpected stop (status 0x%x) while injecting syscall %ld into process %d",
                  status, nr, t->pid);
        }
        int op = syscall_stop_op(t->pid);
        if (op == 1) {
            entered = true;
            if (flags >> 8)
                syscall(SYS_tkill, t->pid, flags >> 8);
            continue;
        }
        if (op == 2 && !entered)
            continue; /* the exit of the syscall the tracee was stopped in */
        if (op == 2)
            break;
        fatal("unexpected syscall stop (op %d) while injecting syscall %ld", op, nr);
    }
    tracee_get_regs(t);
    int64_t result = (int64_t)t->regs.rax;
    for (int i = 0; i < ndeferred; i++)
        syscall(SYS_tkill, t->pid, deferred[i]);
    if (!(flags & INJECT_KEEP_REGS)) {
        /* fs/gs bases are the one register state a syscall (arch_prctl) may set on purpose */
        saved.fs_base = t->regs.fs_base;
        saved.gs_base = t->regs.gs_base;
        t->regs = saved;
        tracee_set_regs(t);
    }
    return result;
}

int tracee_syscall_site_open(struct tracee *t, uint64_t rip, struct syscall_site *site)
{
    static const uint8_t syscall_insn[2] = {0x0f, 0x05};
    uint8_t before[2];
    site->addr = rip - 2;
    site->patched = false;
    if ((site->addr >> 12) == (rip >> 12) && tracee_read(t, site->addr, before, 2) == 0 &&
        !memcmp(before, syscall_insn, 2))
        return 0;
    site->addr = rip;
    site->patched = true;
    return tracee_read(t, rip, site->orig, 2) == 0 && tracee_write(t, rip, syscall_insn, 2) == 0
               ? 0
               : -1;
}

void tracee_syscall_site_close(struct tracee *t, const struct syscall_site *site)
{
    if (site->patched)
        tracee_write(t, site->addr, site->orig, 2);
}

uint64_t tracee_scratch(const struct tracee *t)
{
    return (t->regs.rsp - 128 - 8192) & ~(uint64_t)15;
}

void tracee_kill_reap(pid_t pid)
{
    if (pid <= 0)
        return;
    kill(pid, SIGKILL);
    int status;
    while (waitpid(pid, &status, __WALL) > 0 && !WIFEXITED(status) && !WIFSIGNALED(status))
        ptrace(PTRACE_CONT, pid, 0, 0); /* the PTRACE_EVENT_EXIT stop */
}

pid_t tracee_fork_stopped(struct tracee *t, uint64_t inj, char *err, size_t errlen)
{
    uint64_t args[6] = {CLONE_PARENT | CLONE_PTRACE | CLONE_UNTRACED, 0, 0, 0, 0, 0};
    int died = 0;
    int64_t child = tracee_inject_syscall(t, inj, SYS_clone, args, 0, &died);
    if (child == INJECT_DIED) {
        snprintf(err, errlen, "process %d died while being forked (status %#x)", t->pid, died);
        return -1;
    }
    if (child <= 0) {
        snprintf(err, errlen, "cannot fork process %d: %s", t->pid, strerror((int)-child));
        return -1;
    }
    int status;
    while (waitpid((pid_t)child, &status, __WALL) < 0) {
        if (errno != EINTR) { /* (the recorder's flush timer interrupts waits) */
            snprintf(err, errlen, "cannot wait for the fork %ld: %s", (long)child, strerror(errno));
            return -1;
        }
    }
    if (!WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP) {
        tracee_kill_reap((pid_t)child);
        snprintf(err, errlen, "the fork of process %d did not stop as expected (status %#x)",
                 t->pid, status);
        return -1;
    }
    return (pid_t)child;
}
