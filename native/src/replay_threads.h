/*
 * replay_threads.h: the threads of a replay (trace format 4, docs/trace-format.md kinds 8 and 9).
 * The replayed process has the recording's threads: a thread clone runs for real, and the live
 * thread answers to the recorded tid (clone's result, gettid and the tid words the kernel writes
 * are the recorded values). One thread moves at a time, the one the last THREAD event named
 * (r->t.pid is its live tid); the others wait in ptrace stops, never in the replaying kernel.
 */
#ifndef REWIND_REPLAY_THREADS_H
#define REWIND_REPLAY_THREADS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct replay;
struct trace_event;
struct stop_info;

struct replay_thread {
    uint32_t recorded;          /* its tid in the recording */
    pid_t live;                 /* its tid in the replay */
    bool entered;               /* stands at the entry of the blocking syscall it entered (kind 9) */
    char name[16];              /* its name as prctl(PR_SET_NAME) set it, or inherited from its
                                 * creator as the kernel does; "" for the program's name */
};

struct replay_threads {
    struct replay_thread *v;
    int n, cap;
    pid_t main_live;            /* the replayed process's main thread (the recording's first) */
    uint32_t main_recorded;     /* its tid in the recording (also once it ended) */
    pid_t group_live;           /* the live thread-group leader (main_live, or after a restore of
                                 * a multithreaded save point the copy's lead: the one reaped last) */
};

/* A THREAD event: the thread it names moves from now on. 0, or -1 with the divergence reported. */
int replay_thread_switch(struct replay *r, const struct trace_event *ev);
/* Whether SYSCALL event ev creates a thread (clone or clone3 with CLONE_THREAD); r->t stopped at
 * its entry. */
bool replay_creates_thread(struct replay *r, const struct trace_event *ev);
/* Runs that clone for real and gives the program the recorded tid: 0, or -1 (reported). */
int replay_thread_clone(struct replay *r, const struct trace_event *ev);
/* Whether SYSCALL event ev is the end of a thread other than the main one (exit, 60). */
bool replay_ends_thread(struct replay *r, const struct trace_event *ev);
/* Runs that exit for real and waits until the thread is gone: 0, or -1 (reported). */
int replay_thread_exit(struct replay *r, const struct trace_event *ev);
/* A SYSCALL_ENTER event, the current thread stopped at s: checks it is that syscall's entry and
 * leaves the thread there. 0, or -1 (reported). */
int replay_thread_enter(struct replay *r, const struct trace_event *ev, const struct stop_info *s);
/* A SYSCALL event with SYSF_RESUMED: the current thread's blocking syscall gets its result. */
int replay_thread_resumed(struct replay *r, const struct trace_event *ev);
/* An EXEC event reached by the current thread (stopped at its execve's entry) while the replay
 * has other threads, or is not the main one: as the kernel does, every other thread ends (the
 * main one left a zombie when it is not the one that exec'd) and the current thread is the main
 * thread from then on, with its recorded tid. 0 (also with no threads), or -1 (reported). */
int replay_threads_exec(struct replay *r, const struct trace_event *ev);
/* A replayed SYSCALL event ev of the current thread: prctl(PR_SET_NAME) names it. */
void replay_thread_note_name(struct replay *r, const struct trace_event *ev);
/* The recorded tid of the thread that moves now; 0 before the recording named one. */
uint32_t replay_current_thread(struct replay *r);
/* The live threads: how many (0 before the recording named one); the i-th's recorded tid and
 * name ("": the program's) through replay_thread_at. */
int replay_thread_total(struct replay *r);
const struct replay_thread *replay_thread_at(struct replay *r, int i);
/* The live tid of the thread with recorded tid `recorded`, or 0 when there is none now. */
pid_t replay_thread_live(struct replay *r, uint32_t recorded);
/* Whether live tid `live` is one of the replay's threads now (always, before any was named). */
bool replay_thread_exists(struct replay *r, pid_t live);
/* Kills and reaps every thread but the one in r->t (replay_close does that one). */
void replay_threads_close(struct replay *r);

#endif
