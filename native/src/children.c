/* children.c: see children.h. */
#include "children.h"
#include "output_check.h"
#include "trace_events.h"
#include "tracee.h"
#include "util.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/kcmp.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CHILDREN 4096

static pid_t known[MAX_CHILDREN];
static int nknown;

int children_install_filter(void)
{
    enum { NR = offsetof(struct seccomp_data, nr), ARCH = offsetof(struct seccomp_data, arch),
           FD = offsetof(struct seccomp_data, args[0]) };
    struct sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARCH),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_write, 5, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_writev, 4, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pwrite64, 3, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pwritev, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pwritev2, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, FD),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 2, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
    };
    struct sock_fprog prog = {sizeof code / sizeof code[0], code};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}

bool same_open_file(pid_t pid, int fd, int ours)
{
    long k = syscall(SYS_kcmp, pid, getpid(), KCMP_FILE, fd, ours);
    if (k < 0 && errno == ENOSYS)
        return fd == ours;
    return k == 0;
}

static int find(pid_t pid)
{
    for (int i = 0; i < nknown; i++)
        if (known[i] == pid)
            return i;
    return -1;
}

bool children_known(pid_t pid)
{
    return find(pid) >= 0;
}

/* First stop of a new child: drop the rdtsc trap and the kill-on-exit, keep it attached. */
static void adopt(pid_t pid)
{
    if (nknown < MAX_CHILDREN)
        known[nknown++] = pid;
    ptrace(PTRACE_SETOPTIONS, pid, 0, CHILDREN_TRACE_OPTIONS & ~PTRACE_O_EXITKILL);
    struct tracee c = {.pid = pid, .mem_fd = -1};
    tracee_get_regs(&c);
    uint16_t insn = 0;
    if (tracee_attach_mem(&c) == 0) {
        tracee_read(&c, c.regs.rip - 2, &insn, 2);
        if (insn == 0x050f) {
            uint64_t args[6] = {PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0, 0};
            tracee_inject_syscall(&c, c.regs.rip - 2, SYS_prctl, args, 0, NULL);
        }
        tracee_detach_mem(&c);
    }
}

static void copy_output(struct trace_writer *tw, pid_t pid)
{
    struct tracee c = {.pid = pid, .mem_fd = -1};
    if (ptrace(PTRACE_GETREGS, pid, 0, &c.regs) < 0)
        return;
    int fd = (int)c.regs.rdi;
    int stream = same_open_file(pid, fd, 1) ? 1 : same_open_file(pid, fd, 2) ? 2 : 0;
    if (!stream || tracee_attach_mem(&c) < 0)
        return;
    /* stopped before the write runs: it will write all it was given (count, or every iovec) */
    uint64_t args[6];
    regs_syscall_args(&c.regs, args);
    long nr = regs_syscall_nr(&c.regs);
    int64_t wants = nr == SYS_write || nr == SYS_pwrite64 ? (int64_t)args[2] : INT64_MAX;
    struct buf bytes = {0};
    if (output_bytes(&c, nr, args, wants, &bytes) && bytes.len > 0) {
        trace_put_output(tw, (uint8_t)stream, (uint32_t)pid, bytes.data, (uint32_t)bytes.len);
    }
    buf_free(&bytes);
    tracee_detach_mem(&c);
}

void children_on_stop(struct trace_writer *tw, pid_t pid, int status)
{
    int i = find(pid);
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
        if (i >= 0)
            known[i] = known[--nknown];
        return;
    }
    if (i < 0) {
        adopt(pid);
        ptrace(PTRACE_CONT, pid, 0, 0);
        return;
    }
    struct stop_info s = classify_stop(pid, status);
    int deliver = 0;
    if (s.kind == STOP_EVENT && s.event == PTRACE_EVENT_SECCOMP)
        copy_output(tw, pid);
    else if (s.kind == STOP_SIGNAL)
        deliver = s.sig;
    ptrace(PTRACE_CONT, pid, 0, deliver);
}

void children_release_all(void)
{
    for (int i = 0; i < nknown; i++) {
        pid_t pid = known[i];
        if (kill(pid, SIGSTOP) < 0)
            continue;
        for (;;) {
            int status;
            if (waitpid_uninterrupted(pid, &status, __WALL) < 0 || WIFEXITED(status) || WIFSIGNALED(status))
                break;
            struct stop_info s = classify_stop(pid, status);
            if (s.kind == STOP_SIGNAL && s.sig == SIGSTOP) {
                ptrace(PTRACE_DETACH, pid, 0, 0);
                break;
            }
            ptrace(PTRACE_CONT, pid, 0, s.kind == STOP_SIGNAL ? s.sig : 0);
        }
    }
    nknown = 0;
}

void children_kill_all(void)
{
    for (int i = 0; i < nknown; i++)
        kill(known[i], SIGKILL);
    for (int i = 0; i < nknown; i++) {
        for (;;) {
            int status;
            pid_t got = waitpid(known[i], &status, __WALL);
            if (got < 0 && errno == EINTR)
                continue; /* (the recorder's flush timer) */
            if (got <= 0 || WIFEXITED(status) || WIFSIGNALED(status))
                break;
            ptrace(PTRACE_CONT, known[i], 0, 0);
        }
    }
    nknown = 0;
}
