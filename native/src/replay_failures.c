/*
 * replay_failures.c: how a replay names what went wrong: the expected event and what the replayed
 * process did instead ("replay diverged at event N: expected …, got …"), and errors of the trace
 * itself; a stuck replay (replay_watchdog.c) is reported as such whatever the caller saw.
 */
#include "replay_internal.h"
#include "signal_point.h"
#include "syscall_table.h"
#include "util.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

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

void replay_describe_event(char *out, size_t n, const struct trace_event *ev)
{
    switch (ev->kind) {
    case EV_SYSCALL:
        describe_syscall(out, n, ev->sys.nr, ev->sys.args);
        break;
    case EV_SIGNAL:
        if (ev->sig.preempt && ev->sig.place == SIGP_IN_CODE)
            snprintf(out, n, "a switch of threads in user code at pc %#llx with the recorded "
                     "registers and stack", (unsigned long long)ev->sig.regs[SIGNAL_POINT_RIP]);
        else if (ev->sig.preempt)
            snprintf(out, n, "a switch of threads right after the thread's last event");
        else if (ev->sig.place == SIGP_IN_CODE)
            snprintf(out, n, "signal %s (async, in user code at pc %#llx with the recorded "
                     "registers and stack)", strsignal((int)ev->sig.signo),
                     (unsigned long long)ev->sig.regs[SIGNAL_POINT_RIP]);
        else
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
    case EV_THREAD:
        snprintf(out, n, "thread %u", ev->thread.tid);
        break;
    case EV_SYSCALL_ENTER:
        describe_syscall(out, n, ev->enter.nr, ev->enter.args);
        break;
    default:
        snprintf(out, n, "event kind %u", ev->kind);
    }
}

static void describe_stop(struct replay *r, const struct stop_info *s, char *out, size_t n)
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
        describe_syscall(out, n, regs_syscall_nr(&r->t.regs), a);
        break;
    }
    case STOP_SIGNAL:
        snprintf(out, n, "signal %s", strsignal(s->sig));
        break;
    default:
        snprintf(out, n, "ptrace stop 0x%x", s->status);
    }
}

int replay_diverged(struct replay *r, const struct trace_event *ev, const char *got)
{
    if (replay_watchdog_stuck(r->watchdog))
        return replay_trace_error(r, NULL);
    char want[512];
    replay_describe_event(want, sizeof want, ev);
    r->err->reason = RSTOP_ERROR;
    r->err->error_code = 5;
    snprintf(r->err->message, sizeof r->err->message,
             "replay diverged at event %lu: expected %.400s, got %.500s", (unsigned long)ev->index,
             want, got);
    if (r->point_note[0] && ev->kind == EV_SIGNAL && ev->sig.place == SIGP_IN_CODE) {
        size_t used = strlen(r->err->message);
        snprintf(r->err->message + used, sizeof r->err->message - used,
                 " (at the event's boundary the replay stood at the point's pc, but with %.400s)",
                 r->point_note);
    }
    return -1;
}

int replay_trace_error(struct replay *r, const char *message)
{
    const char *stuck = replay_watchdog_stuck(r->watchdog);
    r->err->reason = RSTOP_ERROR;
    r->err->error_code = stuck ? 5 : 4;
    snprintf(r->err->message, sizeof r->err->message, "%s", stuck ? stuck : message);
    return -1;
}

int replay_diverged_stop(struct replay *r, const struct trace_event *ev, const struct stop_info *s)
{
    char got[512];
    describe_stop(r, s, got, sizeof got);
    return replay_diverged(r, ev, got);
}
