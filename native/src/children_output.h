/*
 * children_output.h: what the recorded program's children write to the recording's stdout/stderr.
 *
 * The output filter (children.c) makes every write-family syscall on fds 1 and 2 a seccomp user
 * notification (SECCOMP_RET_USER_NOTIF), so it works whether or not the writer is ptrace-attached
 * to anyone: children are not kept attached to the recorder (the program may trace them itself).
 * A thread of the recorder answers each notification: a child's write to the same open file as the
 * recorder's own stdout/stderr is copied (before it runs) into a queue, then the write goes on
 * (SECCOMP_USER_NOTIF_FLAG_CONTINUE). The recorder's loop moves the queue into OUTPUT events
 * before it handles each stop, so a child's output precedes every event it could have caused.
 * The program's own writes (its threads) are let go at once: they are recorded as syscalls.
 */
#ifndef REWIND_CHILDREN_OUTPUT_H
#define REWIND_CHILDREN_OUTPUT_H

#include <sys/types.h>

#include "trace_writer.h"

/* Takes the filter's listener from the program (stopped before its exec, the filter installed)
 * and starts answering notifications. 0, or -1 (children's output is then not captured). */
int children_output_start(pid_t program);

/* Writes the OUTPUT events queued since the last call (the recorder's thread only). */
void children_output_drain(struct trace_writer *tw);

/* In a new agent process forked to record a child (record_tree.c): the listener and its thread
 * stay the root recorder's; this process's copy of their state is dropped. */
void children_output_forget_after_fork(void);

/* Stops answering (children still writing then get ENOSYS, as with no recorder) and drains. */
void children_output_stop(struct trace_writer *tw);

#endif
