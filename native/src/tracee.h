/*
 * tracee.h: one ptrace-stopped process as the agent sees it: its registers, its memory through
 * /proc/PID/mem, and syscalls injected into it. The only ptrace plumbing outside record.c/replay.c.
 *
 * Invariant: every function here is called while the tracee is in a ptrace stop, and leaves it in
 * a ptrace stop. After tracee_inject_syscall the tracee sits in a syscall-exit stop with its
 * registers as they were before (or, with INJECT_KEEP_REGS, as the syscall left them).
 */
#ifndef REWIND_TRACEE_H
#define REWIND_TRACEE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

struct tracee {
    pid_t pid;
    int mem_fd;                         /* /proc/PID/mem, read-write */
    struct user_regs_struct regs;       /* valid after tracee_get_regs */
};

int tracee_attach_mem(struct tracee *t);   /* opens mem_fd; -1 on failure */
void tracee_detach_mem(struct tracee *t);

void tracee_get_regs(struct tracee *t);
void tracee_set_regs(struct tracee *t);

/* Memory access through /proc/PID/mem (works on read-only and PROT_NONE private pages).
 * Return 0 on success, -errno on failure. */
int tracee_read(struct tracee *t, uint64_t addr, void *out, size_t n);
int tracee_write(struct tracee *t, uint64_t addr, const void *in, size_t n);

/* Syscall arguments as the kernel sees them at a syscall stop. */
/* The syscall a syscall stop is about, as the kernel dispatches it: the low 32 bits of orig_rax,
 * sign-extended (entry_64 treats syscall numbers as int, so 0x100000027 runs getpid and -1 runs
 * nothing). Every reader of a syscall number from registers goes through this. */
long regs_syscall_nr(const struct user_regs_struct *r);
void regs_syscall_args(const struct user_regs_struct *r, uint64_t args[6]);

#define INJECT_KEEP_REGS 1
/* Raise signal sig (tgkill) once the tracee has entered the injected syscall, not before: a
 * signal that the syscall itself is to meet (rt_sigsuspend) must not be delivered on the way in. */
#define INJECT_RAISE_AT_ENTRY(sig) ((sig) << 8)

/*
 * Runs syscall `nr` with `args` in the tracee by pointing rip at a `syscall` instruction at
 * `insn_addr` and resuming it with PTRACE_SYSCALL until that syscall's exit stop. Returns the raw
 * result (negative errno values included). If the tracee dies meanwhile, returns INJECT_DIED and
 * stores the wait status in *died_status (if not NULL).
 */
#define INJECT_DIED ((int64_t)0x7fffffffffff0001LL)
int64_t tracee_inject_syscall(struct tracee *t, uint64_t insn_addr, long nr, const uint64_t args[6],
                              int flags, int *died_status);

/*
 * A `syscall` instruction to inject through at any stop: the one just before rip when there is
 * one on rip's page (a syscall stop), else rip itself with a `syscall` written over it until
 * tracee_syscall_site_close (orig holds the two bytes it replaced).
 */
struct syscall_site {
    uint64_t addr;
    bool patched;
    uint8_t orig[2];
};
/* Finds or makes the site for the tracee stopped at rip. 0, or -1 when rip cannot be written. */
int tracee_syscall_site_open(struct tracee *t, uint64_t rip, struct syscall_site *site);
/* Puts back the bytes a patched site replaced. */
void tracee_syscall_site_close(struct tracee *t, const struct syscall_site *site);

/*
 * Forks the tracee t (stopped at a syscall stop, t->regs its current registers) by a
 * clone(CLONE_PARENT | CLONE_PTRACE | CLONE_UNTRACED) injected through the `syscall` instruction at
 * inj; t's registers are left as they were. The child is our tracee from birth and our child (not
 * t's: t gets no SIGCHLD, and no ptrace fork event stops t whatever its options). Returns the child,
 * stopped in its first (SIGSTOP) stop, or -1 with err.
 */
pid_t tracee_fork_stopped(struct tracee *t, uint64_t inj, char *err, size_t errlen);

/* Kills process pid (a tracee of ours) and reaps it. */
void tracee_kill_reap(pid_t pid);

/* Scratch memory below the red zone of the tracee's stack (regs as last read), 8 KiB of it. */
uint64_t tracee_scratch(const struct tracee *t);

/* What a waitpid status says about a ptrace stop. */
enum stop_kind {
    STOP_EXITED,        /* the process is gone (exited or killed) */
    STOP_SYSCALL,       /* syscall-entry or -exit stop (PTRACE_O_TRACESYSGOOD) */
    STOP_EVENT,         /* PTRACE_EVENT_* stop; event in stop_info.event */
    STOP_SIGNAL,        /* signal-delivery-stop; signo in stop_info.sig */
    STOP_GROUP,         /* group-stop */
};
struct stop_info {
    enum stop_kind kind;
    int status;         /* raw wait status */
    int sig;
    int event;
};
struct stop_info classify_stop(pid_t pid, int status);

/* PTRACE_GET_SYSCALL_INFO op at a syscall stop: 1 entry, 2 exit, 3 seccomp, 0 none/unknown. */
int syscall_stop_op(pid_t pid);

#endif
