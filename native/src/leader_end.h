/*
 * leader_end.h: the main thread (the thread-group leader) of a traced process ends while other
 * threads run (pthread_exit in main). The kernel reports its end to the tracer only once every
 * other thread has ended too, so a tracer that waits for it would wait forever; instead it
 * watches the leader become a zombie, by which time the kernel has done its end's memory writes
 * (the tid word, the robust list). Shared by the recorder (record_sched.c) and the replay
 * (replay_threads.c).
 */
#ifndef REWIND_LEADER_END_H
#define REWIND_LEADER_END_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * Leader tid was resumed into its exit (a ptrace syscall-entry stop of exit, resumed): follows
 * it through its PTRACE_EVENT_EXIT stop until it is a zombie. 0; 1 when the whole process ended
 * instead (*status: its wait status); -1 when the leader stopped otherwise (*status: that stop's
 * wait status) or did not end within 10 s.
 */
int leader_follow_to_end(pid_t tid, int *status);

#endif
