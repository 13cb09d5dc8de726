/*
 * replay_call.c: calls a function of the replayed program, for the debugger's expressions
 * (`total(list)`, `strlen(name)`). The call runs in a throwaway fork of the current moment
 * (replay_fork_now), so the replay is untouched: the fork gets the arguments in rdi..r9, a stack
 * below the red zone, and a return address of 0, so the function's return is a SIGSEGV at pc 0
 * with the result in rax. It runs under PTRACE_SYSEMU: any syscall stops it (there is no recorded
 * result to give it: the call fails with a clear error), as does any other signal or a call that
 * does not return within CALL_TIMEOUT_MS. The fork is killed and reaped in every case.
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

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int replay_call(struct replay *r, uint64_t fn, const uint64_t *args, int argc, uint64_t *result,
                char *err, size_t errlen)
{
    if (argc < 0 || argc > 6) {
        snprintf(err, errlen, "at most 6 arguments can be passed");
        return -1;
    }
    struct user_regs_struct regs;
    struct user_fpregs_struct fp;
    char why[256];
    pid_t child = replay_fork_now(r, &regs, &fp, why, sizeof why);
    if (child < 0) {
        snprintf(err, errlen, "cannot call the function: %s", why);
        return -1;
    }
    struct tracee c = {.pid = child, .mem_fd = -1};
    uint64_t sp = ((regs.rsp - 128 - 256) & ~15ull) - 8; /* rsp + 8 aligned at the entry */
    uint64_t ret = CALL_RETURN_ADDR;
    int rc = -1;
    if (tracee_attach_mem(&c) < 0 || tracee_write(&c, sp, &ret, 8) < 0) {
        snprintf(err, errlen, "cannot set up the call's stack");
        goto out;
    }
    uint64_t a[6] = {0};
    for (int i = 0; i < argc; i++)
        a[i] = args[i];
    regs.rdi = a[0], regs.rsi = a[1], regs.rdx = a[2], regs.rcx = a[3], regs.r8 = a[4],
    regs.r9 = a[5];
    regs.rax = 0; /* no vector registers used, for varargs functions */
    regs.orig_rax = (uint64_t)-1;
    regs.rsp = sp;
    regs.rip = fn;
    regs.eflags &= ~(uint64_t)(0x100 | 0x400); /* TF, DF */
    c.regs = regs;
    tracee_set_regs(&c);
    if (ptrace(PTRACE_SYSEMU, child, 0, 0) < 0) {
        snprintf(err, errlen, "cannot run the call: %s", strerror(errno));
        goto out;
    }
    uint64_t deadline = now_ms() + CALL_TIMEOUT_MS;
    int status = 0;
    for (;;) {
        pid_t got = waitpid(child, &status, __WALL | WNOHANG);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            snprintf(err, errlen, "cannot wait for the call: %s", strerror(errno));
            goto out;
        }
        if (got == child)
            break;
        if (now_ms() >= deadline) {
            snprintf(err, errlen, "the call did not return within %d s", CALL_TIMEOUT_MS / 1000);
            goto out;
        }
        struct timespec nap = {0, 1000000};
        nanosleep(&nap, NULL);
    }
    struct stop_info s = classify_stop(child, status);
    if (s.kind == STOP_EXITED) {
        snprintf(err, errlen, "the program ended during the call");
        child = 0; /* reaped */
        goto out;
    }
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
        rc = 0;
    } else if (s.kind == STOP_SIGNAL) {
        snprintf(err, errlen, "the call stopped with signal %d (%s) at pc %#llx", s.sig,
                 strsignal(s.sig), (unsigned long long)c.regs.rip);
    } else if (s.kind == STOP_EVENT && s.event == PTRACE_EVENT_EXIT) {
        snprintf(err, errlen, "the program exited during the call");
    } else {
        snprintf(err, errlen, "the call stopped unexpectedly (status %#x)", status);
    }
out:
    tracee_detach_mem(&c);
    if (child > 0)
        replay_kill_fork(child);
    return rc;
}
