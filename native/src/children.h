/*
 * children.h: the recorded program's child processes, while recording.
 *
 * Children run for real and are not recorded, but what they write to the recording's own stdout or
 * stderr (a shell pipeline's last command, system("echo ..."), a spawned tool) is part of what the
 * user saw, so replay must print it too. The recorded process gets a seccomp filter that makes
 * write-family syscalls on fds 1 and 2 user notifications; children inherit it, and the recorder
 * copies such a write's bytes into an OUTPUT event when it goes to the same open file as the
 * recorder's own stdout/stderr (children_output.c). A child is ptrace-attached only from its fork
 * to its first stop: there it loses the rdtsc trap it inherited and is detached, so it runs as
 * natively and the program may trace it (PTRACE_TRACEME, PTRACE_ATTACH/SEIZE).
 */
#ifndef REWIND_CHILDREN_H
#define REWIND_CHILDREN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "trace_writer.h"

/* Installs the output filter in the calling process (the program, before exec). 0 or -1. */
int children_install_filter(void);

/* Whether syscall nr with args would install a seccomp filter with a user-notification listener
 * (SECCOMP_FILTER_FLAG_NEW_LISTENER): the kernel allows one listener per process's filter chain
 * and the output filter holds it, so the program would get EBUSY, which it would not get alone.
 * The recording stops there instead (record.c), with a message naming why. */
bool children_filter_conflicts(long nr, const uint64_t args[6]);

/* Ptrace options for the recorded process (children get these minus EXITKILL). */
#define CHILDREN_TRACE_OPTIONS                                                                  \
    (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL |       \
     PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACESECCOMP)

/* The recorded program's pid (whose descendants are its children). */
void children_set_program(pid_t program);

/* Handles one wait status of a process other than the recorded one: a new child's first stop. */
void children_on_stop(struct trace_writer *tw, pid_t pid, int status);

/* Forgets the children when the recording ends (they run on by themselves). */
void children_release_all(void);

/* Is pid one of the program's children (or their descendants) being followed? */
bool children_known(pid_t pid);

/* Kills every still-running descendant of the program and waits until each is gone (a
 * recording that rewind was told to end). */
void children_kill_all(void);

/* Gives the stopped process pid (ours) real rdtsc again (the trap it inherited from the program
 * would kill it with SIGSEGV once it runs untraced). */
void children_untrap_tsc(pid_t pid);

/* In a new agent process forked to record a child (record_tree.c): forgets the parent recorder's
 * children. */
void children_forget_after_fork(void);

/* Is fd `fd` of process pid the same open file as our own fd `ours`? */
bool same_open_file(pid_t pid, int fd, int ours);

#endif
