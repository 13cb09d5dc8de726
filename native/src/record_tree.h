/*
 * record_tree.h: recording a process tree (docs/trace-format.md, "Process trees").
 *
 * Each forked child of a recorded process (fork, clone without CLONE_VM) is recorded by a recorder
 * of its own: at the child's first stop its recorder (this agent process) parks it in pause(),
 * detaches it, and forks a new agent process that attaches to it, puts its registers back and runs
 * the ordinary single-process recorder (record_run with attach_pid) into TRACE/procs/PID/. So every
 * process's stream is a complete single-process recording, replayable alone.
 *
 * The recorders share one anonymous shared page: a global output sequence number, the output lock
 * and the set of recorded processes. A write to the recording's stdout/stderr holds the lock from
 * its syscall entry until its event is written, and its event gets the next sequence number
 * (written to the stream's `order` file), so the cross-process order of outputs is the real one and
 * a replay of the tree prints them in that order. Children's output captured by the seccomp
 * listener (processes not recorded) takes a number when it is caught.
 *
 * A recorder waits for the recorders it started before it ends, and writes its process's `process`
 * file (pid, parent, command line, exit status, events) last.
 *
 * Invariant: with children not recorded (REWIND_CHILDREN=none, or no fork at all) every function
 * here does nothing but write the `process` file of the root.
 */
#ifndef REWIND_RECORD_TREE_H
#define REWIND_RECORD_TREE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "record.h"

struct program_settings;
/* The recorder's settings of its process (record_settings.h), which a child's recorder starts
 * from (what the process set is inherited by its children); then fills in s when this agent
 * records a forked child. */
void tree_note_settings(const struct program_settings *current);
void tree_inherit_settings(struct program_settings *s);

/* The root recording starts (program pid, trace folder): reads REWIND_CHILDREN and
 * REWIND_NO_RECORD from the agent's environment and sets up the shared state. */
void tree_root_start(const char *trace_dir, pid_t pid, char *const *argv);

/* A new child's first stop (SIGSTOP, attached by the fork event): true when it is now recorded by
 * a recorder of its own (a new agent process), false to go on as before (run for real). */
bool tree_take_child(pid_t child);

/* A recorded process forked child (its fork event): its first stop is to come. */
void tree_expect_child(pid_t child);
/* The recorded process has ended: waits for the first stop of each child it forked that has not
 * had it yet, and handles it (children_on_stop), so no child is left stopped. */
struct trace_writer;
void tree_settle_children(struct trace_writer *tw);

/* A wait status of a process that is not the program's: true if it was one of our recorders. */
bool tree_reaped(pid_t pid, int status);

/* The process exec'd `exe` (at its PTRACE_EVENT_EXEC stop): its command line is noted for the
 * process table. True when `exe` is on the opt-out list (REWIND_NO_RECORD) and the process is not
 * the root: its recording ends here and it runs for real. */
bool tree_exec(pid_t pid, const char *exe);

/* At a syscall entry of the recorded process's thread tid: takes the output lock when the syscall
 * is a write-family one to the recording's stdout or stderr. A ptrace attach to another recorded
 * process first has that one let go (it runs for real). True when the process must be let go
 * itself, before this syscall (PTRACE_TRACEME in a child: its parent traces it). */
bool tree_syscall_entry(pid_t pid, pid_t tid, long nr, const uint64_t args[6]);

/* Another recorder asked for this agent's process to be let go (tree_syscall_entry). */
bool tree_release_requested(void);
/* Whether sig stops a process (job control): a recorded child it stops is let go. */
bool tree_stop_signal(int sig);

/* This agent's process was let go: it is no longer recorded. */
void tree_released(void);
/* Stops the running single-threaded process pid (ours, seized) and detaches it, its pending
 * signal (if it stopped for one) delivered. */
void tree_detach_running(pid_t pid);

/* The event at index `event` was written with output to the recording's stdout/stderr. */
void tree_output_event(uint64_t event);

/* Thread tid's syscall exit was handled (or the thread is gone): releases its hold of the lock. */
void tree_syscall_done(pid_t tid);

/* A number in the global output order for output caught by the listener (any thread). */
uint64_t tree_take_seq(void);

/* An OUTPUT event caught with number seq was written at index `event`. */
void tree_output_event_seq(uint64_t event, uint64_t seq);

/* Is tgid a process being recorded (its writes are its own events, not OUTPUT events)? */
bool tree_is_recorded(pid_t tgid);

/* The recording of this agent's process ends: waits for the recorders it started, then writes the
 * `process` file. */
void tree_recording_ends(const struct record_result *res, uint64_t events);

#endif
