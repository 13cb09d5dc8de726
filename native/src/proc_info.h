/* proc_info.h: facts about other processes and threads read from /proc (their parent, whether a
 * thread has ended). Each answers from one read of one file; -1/true when the file is gone. */
#ifndef REWIND_PROC_INFO_H
#define REWIND_PROC_INFO_H

#include <stdbool.h>
#include <sys/types.h>

/* Process pid's parent (PPid of /proc/PID/status), or -1 when it is gone. */
pid_t proc_parent_of(pid_t pid);

/* The process (thread group) thread tid belongs to (Tgid of /proc/TID/status), or -1. */
pid_t proc_thread_group_of(pid_t tid);

/* Whether thread tid has ended: a zombie (a leader whose other threads still run, or a thread its
 * tracer has not waited for yet), dead, or gone (/proc/TID/stat). */
bool proc_task_ended(pid_t tid);

#endif
