/* children.c: see children.h. */
#include "children.h"
#include "output_check.h"
#include "record_tree.h"
#include "trace_events.h"
#include "tracee.h"
#include "util.h"
#include "proc_info.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
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

/* The program's direct children, each by a pidfd (a pid could be reused once it exits: a pidfd
 * cannot). Invariant: known_fd[i] refers to known_pid[i]; exited ones are pruned when full. */
static pid_t known_pid[MAX_CHILDREN];
static int known_fd[MAX_CHILDREN];
static int nknown;
static pid_t program_pid;

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
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
    };
    struct sock_fprog prog = {sizeof code / sizeof code[0], code};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return -1;
    /* the listener (close-on-exec) is taken by the recorder before the exec: children_output.c */
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

bool children_filter_conflicts(long nr, const uint64_t args[6])
{
    return nr == SYS_seccomp && args[0] == SECCOMP_SET_MODE_FILTER &&
           (args[1] & SECCOMP_FILTER_FLAG_NEW_LISTENER);
}

bool same_open_file(pid_t pid, int fd, int ours)
{
    long k = syscall(SYS_kcmp, pid, getpid(), KCMP_FILE, fd, ours);
    if (k < 0 && errno == ENOSYS)
        return fd == ours;
    return k == 0;
}

static bool exited(int pidfd)
{
    struct pollfd p = {.fd = pidfd, .events = POLLIN};
    return poll(&p, 1, 0) != 0;
}

static void prune_exited(void)
{
    for (int i = 0; i < nknown;) {
        if (exited(known_fd[i])) {
            close(known_fd[i]);
            known_pid[i] = known_pid[--nknown];
            known_fd[i] = known_fd[nknown];
        } else {
            i++;
        }
    }
}

bool children_known(pid_t pid)
{
    for (int i = 0; i < nknown; i++)
        if (known_pid[i] == pid && !exited(known_fd[i]))
            return true;
    /* a descendant: its chain of parents reaches the program */
    for (int depth = 0; depth < 64 && pid > 1; depth++) {
        pid = proc_parent_of(pid);
        if (pid == program_pid)
            return true;
    }
    return false;
}

void children_set_program(pid_t program)
{
    program_pid = program;
}

/* First stop of a new child (ptrace-attached by the fork event): drop the rdtsc trap it inherited,
 * remember it, and detach it: it runs natively from here on, free to be traced by the program. */
static void adopt_and_detach(pid_t pid)
{
    if (nknown == MAX_CHILDREN)
        prune_exited();
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (pidfd >= 0 && nknown < MAX_CHILDREN) {
        known_pid[nknown] = pid;
        known_fd[nknown++] = pidfd;
    } else if (pidfd >= 0) {
        close(pidfd);
    }
    children_untrap_tsc(pid);
    ptrace(PTRACE_DETACH, pid, 0, 0);
}

void children_untrap_tsc(pid_t pid)
{
    struct tracee c = {.pid = pid, .mem_fd = -1};
    tracee_get_regs(&c);
    struct syscall_site site;
    if (tracee_attach_mem(&c) == 0) {
        if (tracee_syscall_site_open(&c, c.regs.rip, &site) == 0) {
            uint64_t args[6] = {PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0, 0};
            tracee_inject_syscall(&c, site.addr, SYS_prctl, args, 0, NULL);
            tracee_syscall_site_close(&c, &site);
        }
        tracee_detach_mem(&c);
    }
}

void children_on_stop(struct trace_writer *tw, pid_t pid, int status)
{
    (void)tw;
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
        (void)tree_reaped(pid, status); /* (one of our recorders of children) */
        return;
    }
    struct stop_info s = classify_stop(pid, status);
    if (s.kind == STOP_SIGNAL && s.sig == SIGSTOP) {
        if (!tree_take_child(pid))
            adopt_and_detach(pid);
        return;
    }
    /* (not expected: children are detached at their first stop) */
    ptrace(PTRACE_DETACH, pid, 0, s.kind == STOP_SIGNAL ? s.sig : 0);
}

void children_forget_after_fork(void)
{
    children_release_all();
    program_pid = 0;
}

void children_release_all(void)
{
    for (int i = 0; i < nknown; i++)
        close(known_fd[i]);
    nknown = 0;
}

/* Every process descending from the program or a known child (by /proc), as pidfds. */
static int collect_descendants(int *fds, pid_t *pids, int cap)
{
    int n = 0;
    pids[n] = program_pid;
    fds[n++] = -1;
    for (int i = 0; i < nknown && n < cap; i++) {
        pids[n] = known_pid[i];
        fds[n++] = -1;
    }
    for (bool grew = true; grew;) {
        grew = false;
        DIR *d = opendir("/proc");
        if (!d)
            break;
        struct dirent *e;
        while ((e = readdir(d)) && n < cap) {
            pid_t pid = atoi(e->d_name), ppid;
            if (pid <= 0 || (ppid = proc_parent_of(pid)) <= 0)
                continue;
            bool in = false, parent_in = false;
            for (int i = 0; i < n; i++) {
                in |= pids[i] == pid;
                parent_in |= pids[i] == ppid;
            }
            if (!in && parent_in) {
                pids[n] = pid;
                fds[n++] = (int)syscall(SYS_pidfd_open, pid, 0);
                grew = true;
            }
        }
        closedir(d);
    }
    return n;
}

void children_kill_all(void)
{
    enum { CAP = 1024 };
    int fds[CAP];
    pid_t pids[CAP];
    int n = collect_descendants(fds, pids, CAP);
    for (int i = 0; i < n; i++)
        if (fds[i] >= 0)
            syscall(SYS_pidfd_send_signal, fds[i], SIGKILL, NULL, 0);
    for (int i = 0; i < nknown; i++)
        syscall(SYS_pidfd_send_signal, known_fd[i], SIGKILL, NULL, 0);
    /* they are not ours to reap: wait until each is gone (a killed process ends promptly) */
    for (int i = 0; i < n; i++) {
        if (fds[i] >= 0) {
            struct pollfd p = {.fd = fds[i], .events = POLLIN};
            (void)poll(&p, 1, 2000);
            close(fds[i]);
        }
    }
    for (int i = 0; i < nknown; i++) {
        struct pollfd p = {.fd = known_fd[i], .events = POLLIN};
        (void)poll(&p, 1, 2000);
    }
    children_release_all();
}
