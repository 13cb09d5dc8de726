/* record_async.c: asynchronous signals and preemptions that stop the recorded thread in user
 * code. Each is recorded with its place: right after the thread's last event, or a point in user
 * code with its fingerprint (signal_point.h), first moved on by single steps to an instruction
 * the replay can patch (insn_check.h). */
#include "record_async.h"
#include "insn_check.h"
#include "record_internal.h"
#include "record_rdtsc.h"
#include "record_settings.h"
#include "record_signals.h"
#include "record_threads.h"
#include "signal_point.h"
#include "trace_writer.h"
#include "tracee.h"
#include "util.h"

#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define NUDGE_STEPS 16

/* Reads the instruction bytes at addr (up to 16, fewer at the end of a readable page): how many. */
static size_t read_code(struct recorder *r, uint64_t addr, uint8_t code[16])
{
    if (tracee_read(&r->t, addr, code, 16) == 0)
        return 16;
    size_t to_page_end = 4096 - (addr & 4095);
    return to_page_end < 16 && tracee_read(&r->t, addr, code, to_page_end) == 0 ? to_page_end : 0;
}

/*
 * An asynchronous signal stopped the program at a point in user code. Its replay stops at that
 * point cheaply when the instruction there can be displaced (insn_check.h: the replay patches a
 * jump to a stub that compares the state in the program itself); so the program is first moved on
 * by single steps, the signal held, to the next such instruction (a few instructions at most: a
 * signal's delivery is as right there as anywhere). Never over a syscall. Another asynchronous
 * signal meanwhile is held too and raised again at the end, to come after this one (raised[]: it
 * keeps its siginfo); a fault ends the move (it recurs by itself once the handler returns). Leaves
 * r->t.regs where the program stands.
 */
static void nudge_to_patchable(struct recorder *r, int steps)
{
    int first_raised = r->nraised;
    for (int i = 0; i < steps; i++) {
        uint8_t code[16];
        size_t n = read_code(r, r->t.regs.rip, code);
        int rip_disp_at;
        if (!n || insn_displaceable(code, n, r->t.regs.rip, &rip_disp_at) ||
            !insn_steppable(code, n, r->t.regs.rip))
            break;
        int status;
        if (ptrace(PTRACE_SINGLESTEP, r->t.pid, 0, 0) < 0 ||
            waitpid_uninterrupted(r->t.pid, &status, __WALL) < 0)
            break;
        struct stop_info s = classify_stop(r->t.pid, status);
        if (s.kind == STOP_EXITED) {
            r->has_deferred = true;
            r->deferred_status = status;
            return;
        }
        tracee_get_regs(&r->t);
        siginfo_t si;
        memset(&si, 0, sizeof si);
        if (s.kind != STOP_SIGNAL || ptrace(PTRACE_GETSIGINFO, r->t.pid, 0, &si) < 0)
            break;
        if (s.sig == SIGTRAP && si.si_code == TRAP_TRACE)
            continue;
        if (signal_is_synchronous(s.sig, &si) || r->nraised == (int)(sizeof r->raised / sizeof r->raised[0]))
            break; /* a fault (it recurs after the handler), or no room: the signal goes here */
        /* another asynchronous signal: held (raised again below), the move goes on */
        r->raised[r->nraised++] = (struct raised_signal){s.sig, si};
    }
    for (int i = first_raised; i < r->nraised; i++)
        syscall(SYS_tkill, r->t.pid, r->raised[i].sig);
}

/*
 * A signal stop: returns the signal to deliver when resuming (0 to suppress it). Every signal is
 * delivered where it arrives and recorded with its place: a fault where the instruction raised it;
 * an asynchronous one right after the previous event (a syscall's return, or the delivery of the
 * signal before it: signals pending together nest, the last delivered handler running first), or
 * anywhere else in user code with the fingerprint of that point (signal_point.h).
 */
int record_on_signal(struct recorder *r, int sig, bool after_delivery)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    ptrace(PTRACE_GETSIGINFO, r->t.pid, 0, &si);
    if (sig == SIGSEGV && !settings_rdtsc_faults(&r->settings) &&
        record_rdtsc(&r->t, &r->tw, &si)) {
        r->th.at_boundary = false;
        return 0;
    }
    for (int i = 0; i < r->nraised; i++)
        if (r->raised[i].sig == sig) {
            si = r->raised[i].info; /* raised again by us: its own siginfo */
            ptrace(PTRACE_SETSIGINFO, r->t.pid, 0, &si);
            r->raised[i] = r->raised[--r->nraised];
            break;
        }
    if (signal_is_synchronous(sig, &si)) {
        trace_put_signal(&r->tw, (uint32_t)sig, SIGP_FAULT, &si, NULL);
        r->th.at_boundary = false;
        return sig;
    }
    if (sig > 0 && sig <= 64 && si.si_pid != getpid())
        r->external_sig_ns[sig] = now_ns();
    tracee_get_regs(&r->t);
    /* at the boundary: queued at the syscall's exit (equal registers alone are not enough: a loop
     * that keeps its progress in memory comes back to the same registers at every pass) */
    bool boundary = r->th.at_boundary && signal_in(r->th.boundary_queued, sig) &&
                    !memcmp(&r->t.regs, &r->th.boundary_regs, sizeof r->t.regs);
    struct signal_masks masks;
    if (boundary || after_delivery) {
        trace_put_signal(&r->tw, (uint32_t)sig, SIGP_AFTER_EVENT, &si, NULL);
    } else if (signal_masks_read(r->t.pid, &masks) && signal_discarded_natively(&masks, sig)) {
        /* in user code, where no syscall needs restarting: natively it would not exist, so no
         * event, and the program runs on (at a syscall boundary it is recorded as before) */
        return 0;
    } else {
        nudge_to_patchable(r, NUDGE_STEPS);
        struct signal_point point;
        signal_point_take(&r->t, &r->t.regs, &point);
        point.user_cpu_ns = signal_point_user_cpu_ns(r->t.pid);
        trace_put_signal(&r->tw, (uint32_t)sig, SIGP_IN_CODE, &si, &point);
        /* delivered from the stop the move ended in, with its own siginfo */
        ptrace(PTRACE_SETSIGINFO, r->t.pid, 0, &si);
    }
    r->th.at_boundary = false;
    return sig;
}

/*
 * A stop of the current thread by the scheduler's own preemption signal (sched_tick): the program
 * never gets it. The point is recorded as a PREEMPT event, as an asynchronous signal's would be:
 * right after the thread's last event, or in user code with its fingerprint, first moved on to an
 * instruction the replay can patch. Where none is near (a tight loop of short instructions), the
 * recorder declines: the thread runs on and is tried again later (sched_declined), never stopped
 * where the replay would have to count arrivals at a pc by the million. The thread then waits
 * while another runs.
 */
#define PREEMPT_NUDGE_STEPS 64

int record_on_preempt(struct recorder *r, int sig, bool after_delivery)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    ptrace(PTRACE_GETSIGINFO, r->t.pid, 0, &si);
    for (int i = 0; i < r->nraised; i++)
        if (r->raised[i].sig == sig)
            return PREEMPT_NOT; /* the program's own, held and raised again by us */
    if (!sched_is_preempt(r, sig, &si))
        return PREEMPT_NOT;
    tracee_get_regs(&r->t);
    bool boundary = r->th.at_boundary && !memcmp(&r->t.regs, &r->th.boundary_regs, sizeof r->t.regs);
    if (boundary || after_delivery) {
        trace_put_preempt(&r->tw, (uint32_t)sig, SIGP_AFTER_EVENT, NULL);
    } else {
        nudge_to_patchable(r, PREEMPT_NUDGE_STEPS);
        if (r->has_deferred)
            return PREEMPT_DECLINED; /* the program ended meanwhile */
        uint8_t code[16];
        int rip_disp_at;
        size_t n = read_code(r, r->t.regs.rip, code);
        struct signal_point point;
        signal_point_take(&r->t, &r->t.regs, &point);
        if ((!n || !insn_displaceable(code, n, r->t.regs.rip, &rip_disp_at)) &&
            !sched_spin_point(r, &point)) {
            sched_declined(r); /* a point the replay would reach one arrival at a time */
            return PREEMPT_DECLINED;
        }
        point.user_cpu_ns = signal_point_user_cpu_ns(r->t.pid);
        trace_put_preempt(&r->tw, (uint32_t)sig, SIGP_IN_CODE, &point);
    }
    r->th.at_boundary = false;
    return PREEMPT_SWITCH;
}
