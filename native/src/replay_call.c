/*
 * replay_call.c: calls functions of the replayed program, for the debugger's expressions
 * (`total(list)`, `strlen(name)`, `greet("world")`). Calls run in a call world: a throwaway fork of
 * the current moment (replay_fork_now), so the replay is untouched. Each call gets the arguments in
 * rdi..r9, its data (string literals) and a stack below the red zone, and a return address of 0,
 * so the function's return is a SIGSEGV at pc 0 with the result in rax; the world stays stopped
 * there, its memory as the call left it, for the next call of the same evaluation and for reading
 * the result. Calls run under PTRACE_SYSEMU: any syscall stops one (there is no recorded result to
 * give it: the call fails with a clear error), as does any other signal or a call that does not
 * return within CALL_TIMEOUT_MS; a failed call closes its world.
 *
 * Invariant: an open world's process is in a ptrace stop (its first SIGSTOP stop, or the SIGSEGV
 * of the last call's return, which the next PTRACE_SYSEMU discards).
 *
 * Limits: integer/pointer arguments and results only (rax); MAP_SHARED memory is shared with the
 * replayed process, so a function writing into it would change the replay's memory too.
 */
#include "replay_internal.h"
#include "syscall_table.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>

#define CALL_TIMEOUT_MS 2000
#define CALL_RETURN_ADDR 0ull
#define RED_ZONE 128
#define CALL_STACK_GAP 256

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int call_world_open(struct replay *r, struct call_world *w, char *err, size_t errlen)
{
    static uint32_t next_id;
    struct user_fpregs_struct fp;
    char why[256];
    pid_t child = replay_fork_now(r, &w->regs, &fp, why, sizeof why);
    if (child < 0) {
        snprintf(err, errlen, "cannot call the function: %s", why);
        w->pid = 0;
        return -1;
    }
    w->pid = child;
    w->id = ++next_id ? next_id : ++next_id; /* never 0: 0 means "no world" on the wire */
    w->scratch_low = w->regs.rsp - RED_ZONE;
    return 0;
}

void call_world_close(struct call_world *w)
{
    if (w->pid > 0)
        replay_kill_fork(w->pid);
    w->pid = 0;
}

int call_world_read(struct call_world *w, uint64_t addr, void *out, size_t n)
{
    if (w->pid <= 0)
        return -1;
    struct tracee c = {.pid = w->pid, .mem_fd = -1};
    int rc = tracee_attach_mem(&c) < 0 ? -1 : tracee_read(&c, addr, out, n) < 0 ? -1 : 0;
    tracee_detach_mem(&c);
    return rc;
}

/* Waits for the call's stop, up to the deadline: 0 with status, or -1 with err. */
static int wait_call(pid_t child, int *status, char *err, size_t errlen)
{
    uint64_t deadline = now_ms() + CALL_TIMEOUT_MS;
    for (;;) {
        pid_t got = waitpid(child, status, __WALL | WNOHANG);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            snprintf(err, errlen, "cannot wait for the call: %s", strerror(errno));
            return -1;
        }
        if (got == child)
            return 0;
        if (now_ms() >= deadline) {
            snprintf(err, errlen, "the call did not return within %d s", CALL_TIMEOUT_MS / 1000);
            return -1;
        }
        struct timespec nap = {0, 1000000};
        nanosleep(&nap, NULL);
    }
}

/* Why the call stopped where it did, unless it returned: 0 with *result, or -1 with err. */
static int call_outcome(struct call_world *w, int status, uint64_t *result, char *err, size_t errlen)
{
    struct stop_info s = classify_stop(w->pid, status);
    if (s.kind == STOP_EXITED) {
        snprintf(err, errlen, "the program ended during the call");
        w->pid = 0; /* reaped */
        return -1;
    }
    struct tracee c = {.pid = w->pid, .mem_fd = -1};
    tracee_get_regs(&c);
    if (s.kind == STOP_SYSCALL) {
        const char *name = syscall_name(regs_syscall_nr(&c.regs));
        char num[32];
        if (!name) {
            snprintf(num, sizeof num, "syscall %ld", regs_syscall_nr(&c.regs));
            name = num;
        }
        snprintf(err, errlen, "the call needs a syscall (%s) that has no recorded result", name);
    } else if (s.kind == STOP_SIGNAL && s.sig == SIGSEGV && c.regs.rip == CALL_RETURN_ADDR) {
        *result = c.regs.rax;
        return 0;
    } else if (s.kind == STOP_SIGNAL) {
        snprintf(err, errlen, "the call stopped with signal %d (%s) at pc %#llx", s.sig,
                 strsignal(s.sig), (unsigned long long)c.regs.rip);
    } else if (s.kind == STOP_EVENT && s.event == PTRACE_EVENT_EXIT) {
        snprintf(err, errlen, "the program exited during the call");
    } else {
        snprintf(err, errlen, "the call stopped unexpectedly (status %#x)", status);
    }
    return -1;
}

int call_world_call(struct call_world *w, uint64_t fn, const uint64_t *args, int argc, uint8_t data_args,
                    const uint8_t *data, uint32_t len, uint64_t *result, char *err, size_t errlen)
{
    if (argc < 0 || argc > 6) {
        snprintf(err, errlen, "at most 6 arguments can be passed");
        call_world_close(w);
        return -1;
    }
    if (w->pid <= 0) {
        snprintf(err, errlen, "the call's copy of the program is gone");
        return -1;
    }
    struct tracee c = {.pid = w->pid, .mem_fd = -1};
    uint64_t data_at = (w->scratch_low - len) & ~15ull;
    uint64_t sp = ((data_at - CALL_STACK_GAP) & ~15ull) - 8; /* rsp + 8 aligned at the entry */
    uint64_t ret = CALL_RETURN_ADDR;
    int rc = -1;
    if (tracee_attach_mem(&c) < 0 || (len && tracee_write(&c, data_at, data, len) < 0) ||
        tracee_write(&c, sp, &ret, 8) < 0) {
        snprintf(err, errlen, "cannot set up the call's stack");
        goto out;
    }
    uint64_t a[6] = {0};
    for (int i = 0; i < argc; i++)
        a[i] = args[i] + ((data_args >> i) & 1 ? data_at : 0);
    struct user_regs_struct regs = w->regs;
    regs.rdi = a[0], regs.rsi = a[1], regs.rdx = a[2], regs.rcx = a[3], regs.r8 = a[4],
    regs.r9 = a[5];
    regs.rax = 0; /* no vector registers used, for varargs functions */
    regs.orig_rax = (uint64_t)-1;
    regs.rsp = sp;
    regs.rip = fn;
    regs.eflags &= ~(uint64_t)(0x100 | 0x400); /* TF, DF */
    c.regs = regs;
    tracee_set_regs(&c);
    /* the signal of a previous call's return (SIGSEGV at 0) is discarded here */
    if (ptrace(PTRACE_SYSEMU, w->pid, 0, 0) < 0) {
        snprintf(err, errlen, "cannot run the call: %s", strerror(errno));
        goto out;
    }
    int status = 0;
    if (wait_call(w->pid, &status, err, errlen) < 0)
        goto out;
    rc = call_outcome(w, status, result, err, errlen);
    if (rc == 0)
        w->scratch_low = data_at; /* the data stays: the result may point into it */
out:
    tracee_detach_mem(&c);
    if (rc < 0)
        call_world_close(w);
    return rc;
}
