/*
 * children.h: the recorded program's child processes, while recording.
 *
 * Children run for real and are not recorded, but what they write to the recording's own stdout or
 * stderr (a shell pipeline's last command, system("echo ..."), a spawned tool) is part of what the
 * user saw, so replay must print it too. The recorded process gets a seccomp filter that traps
 * write-family syscalls on fds 1 and 2; children inherit it and stay ptrace-attached (without
 * syscall stops), so each such write stops once and the recorder copies the bytes into an OUTPUT
 * event when the write goes to the same open file as the recorder's own stdout/stderr.
 * A child also loses the rdtsc trap it inherited before it runs any code.
 */
#ifndef REWIND_CHILDREN_H
#define REWIND_CHILDREN_H

#include <stdbool.h>
#include <sys/types.h>

#include "trace_writer.h"

/* Installs the output filter in the calling process (the program, before exec). 0 or -1. */
int children_install_filter(void);

/* Ptrace options for the recorded process (children get these minus EXITKILL). */
#define CHILDREN_TRACE_OPTIONS                                                                  \
    (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL |       \
     PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACESECCOMP)

/* Handles one wait status of a process other than the recorded one, and resumes it. */
void children_on_stop(struct trace_writer *tw, pid_t pid, int status);

/* Lets every still-running child go (stop, detach) when the recording ends. */
void children_release_all(void);

/* Is pid one of the program's children (or their descendants) being followed? */
bool children_known(pid_t pid);

/* Kills every still-running child and reaps it (a recording that rewind was told to end). */
void children_kill_all(void);

/* Is fd `fd` of process pid the same open file as our own fd `ours`? */
bool same_open_file(pid_t pid, int fd, int ours);

#endif
