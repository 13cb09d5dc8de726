/*
 * signal_point.h: the fingerprint of a point in user code where an asynchronous signal arrived
 * (docs/trace-format.md, SIGNAL place 2). Without hardware counters a point is told apart from
 * other arrivals at the same pc by its state: every general register and the flags, and a hash
 * of the top of the stack. The recorder takes it at the signal's stop; the replay stops at the
 * first arrival at that pc whose fingerprint is equal (a loop that changes nothing has the same
 * state at every iteration, so any equal arrival is the right one).
 */
#ifndef REWIND_SIGNAL_POINT_H
#define REWIND_SIGNAL_POINT_H

#include <stdbool.h>
#include <sys/user.h>

#include "trace_events.h"
#include "tracee.h"

/* The stack bytes of a fingerprint (its window): the red zone below sp, and above it 192 bytes or,
 * when rbp points into the stack up to 4 KiB above sp (a frame pointer: unoptimized code keeps its
 * locals there), up to rbp+16 (the saved rbp and the return address). Not a fixed larger amount:
 * at a handler's first instruction, sp+200..sp+232 hold the sigcontext's err, trapno and cr2,
 * which tell the kernel's last trap (our breakpoints in replay), not the program's state. */
#define SIGNAL_POINT_BELOW_SP 128
#define SIGNAL_POINT_ABOVE_SP 192
#define SIGNAL_POINT_FRAME_MAX 4096
_Static_assert(SIGNAL_POINT_BELOW_SP + SIGNAL_POINT_FRAME_MAX <= SIGP_STACK_MAX, "the window");

/* The index of rip in a fingerprint's registers (struct user_regs_struct order). */
#define SIGNAL_POINT_RIP 16

/* The fingerprint of the tracee's state with registers regs (its memory read now). */
void signal_point_take(struct tracee *t, const struct user_regs_struct *regs,
                       struct signal_point *out);

/* The user CPU time thread tid has used (/proc, clock-tick resolution); 0 when unreadable. The
 * recorder stores it with a point; the replay watchdog measures its own run to the point by it. */
uint64_t signal_point_user_cpu_ns(pid_t tid);

/* Whether two fingerprints are of the same state: every register except orig_rax (the kernel's
 * bookkeeping, not the program's) and the trap and resume flags (ours), and the stack hash. */
bool signal_point_equal(const struct signal_point *a, const struct signal_point *b);

/* What tells fingerprint here from recorded (as signal_point_equal compares them), in words into
 * out: the registers that differ with both values, and whether the stack window does. */
void signal_point_describe_difference(const struct signal_point *here,
                                      const struct signal_point *recorded, char *out, size_t n);

#endif
