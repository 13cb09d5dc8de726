/*
 * replay.h: replays a recording, deterministically, from the husk; in one go (the CLI's
 * `rewind replay`) or as a session a debugger drives: breakpoints, single instructions, stops.
 *
 * The replayed process runs under PTRACE_SYSEMU: each syscall stops at its entry and is skipped by
 * the kernel; the agent checks it against the next recorded event (number and arguments), then
 * either writes the recorded result and memory (emulated syscalls) or runs it for real at the
 * recorded addresses (the address space and signal state). Recorded stdout/stderr writes go to an
 * output callback. Anything unexpected is a divergence: the replay stops with
 * "replay diverged at event N: expected ..., got ...".
 */
#ifndef REWIND_REPLAY_H
#define REWIND_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

/* ---- one-shot replay ---- */

struct replay_request {
    const char *trace_dir;
    void (*on_started)(void *ctx, pid_t pid);   /* may be NULL */
    void *ctx;
};

struct replay_result {
    int error_code;         /* 0, or a wire-protocol ERROR code (4 unreadable, 5 divergence ...) */
    int wait_status;        /* the recorded end of the program */
    uint64_t events;        /* events replayed */
    bool complete;          /* reached the recording's EXIT or STOP */
    char message[1024];     /* why it stopped early, or the STOP reason */
};

/* Replays the whole recording, copying its output to our stdout/stderr. */
void replay_run(const struct replay_request *req, struct replay_result *res);

/* ---- a replay session ---- */

struct replay;

/* Receives the program's recorded output as the replay passes it (stream 1 stdout, 2 stderr). */
typedef void (*replay_output_fn)(void *ctx, int stream, const uint8_t *bytes, size_t n);

enum replay_stop_reason {
    RSTOP_ENTRY,        /* at the program's first instruction */
    RSTOP_BREAKPOINT,   /* at a breakpoint address, before its instruction runs */
    RSTOP_STEP,         /* one instruction executed */
    RSTOP_SIGNAL,       /* a fault (SIGSEGV...) is about to be delivered; pc is the faulting insn */
    RSTOP_EXITED,       /* the program ended (wait_status); it stays inspectable when it exited
                           by exit(): stopped at its exit_group call */
    RSTOP_END,          /* no more recording (after the end, a STOP, or a cut-short log) */
    RSTOP_ERROR,        /* divergence or damaged trace: message and error_code */
    RSTOP_PAUSED,       /* replay_request_pause() was called during the resume */
    RSTOP_EVENT,        /* replay_run_to_event(): the next event to replay is the one asked for */
    RSTOP_WATCH,        /* watched bytes changed: pc is after the instruction (or the syscall) that
                           wrote them; `breakpoint` is the watch's address */
};

struct replay_stop {
    enum replay_stop_reason reason;
    uint64_t event;         /* index of the next event to replay */
    uint64_t pc;
    uint64_t breakpoint;    /* RSTOP_BREAKPOINT; RSTOP_WATCH: the address of the watch */
    int signo;              /* RSTOP_SIGNAL */
    int wait_status;        /* RSTOP_EXITED */
    int error_code;         /* RSTOP_ERROR: wire-protocol ERROR code */
    uint32_t hits;          /* RSTOP_BREAKPOINT: times this breakpoint was hit since the last
                               event was replayed (this hit included): with `event` and `pc`, the
                               position of the stop; RSTOP_WATCH: watch stops since the last event
                               was replayed (this one included), the same way, or 0 when the
                               syscall event just replayed wrote the bytes (the stop is then at
                               the boundary of `event`) */
    char message[1024];
};

/* Opens a recording and runs it to the program's first instruction. NULL on failure (stop->reason
 * RSTOP_ERROR with the message). */
struct replay *replay_open(const char *trace_dir, replay_output_fn out, void *ctx,
                           struct replay_stop *stop);

enum replay_mode { RUN_CONTINUE, RUN_STEP_INSN, RUN_TO_EVENT /* internal: see replay_run_to_event */ };

/* Runs until a breakpoint, the end, a fault, or (RUN_STEP_INSN) one instruction. */
void replay_resume(struct replay *r, enum replay_mode mode, struct replay_stop *stop);

/* Runs until the next event to replay is `event` (stopping at once when it already is; an error
 * when the replay is past it). Breakpoints on the way stop it first. */
void replay_run_to_event(struct replay *r, uint64_t event, struct replay_stop *stop);

/* Asks a running replay_resume() (from another thread) to stop as soon as it can. */
void replay_request_pause(struct replay *r);

/* Whether a pause was asked (replay_request_pause) for the motion running now and not yet obeyed:
 * between the replay runs of a motion made of several, the motion checks this and ends PAUSED. */
bool replay_pause_pending(struct replay *r);

/* Replaces the set of breakpoint addresses; addresses not mapped yet are armed when they are. */
int replay_set_breakpoints(struct replay *r, const uint64_t *addrs, int n);

#define REPLAY_MAX_WATCHES 32
#define REPLAY_WATCH_MAX_LEN 4096

/* Replaces the set of data breakpoints: n ranges (1 to 4096 bytes each, at most 32) whose change
 * stops the replay (RSTOP_WATCH), watched by write-protecting their pages while the replay runs.
 * 0, or -1 with err (bad sizes). Values are compared with what they are when a resume starts. */
int replay_set_watches(struct replay *r, const uint64_t *addrs, const uint32_t *lens, int n,
                       char *err, size_t errlen);

/* The replayed process's state at the current stop (false when it no longer exists). */
bool replay_get_regs(struct replay *r, struct user_regs_struct *regs);
bool replay_get_fpregs(struct replay *r, struct user_fpregs_struct *fp);
/* Reads memory as the program sees it (breakpoint bytes hidden). 0 or -errno. */
int replay_read_mem(struct replay *r, uint64_t addr, void *out, size_t n);
/* How many threads the recording holds (1 for every recording before trace format 4). */
int replay_thread_count(struct replay *r);
pid_t replay_pid(struct replay *r);
/* The recorded path of the file mapped from `mapped_path` (a trace blob), or NULL. */
const char *replay_module_name(struct replay *r, const char *mapped_path);
/* A number that changes whenever the replayed process's file mappings may have changed (mmap,
 * munmap, mremap, exec, restore): what was derived from them (symbols) is stale when it differs. */
uint64_t replay_maps_generation(struct replay *r);
/* Absolute path of the trace folder. */
const char *replay_trace_dir(struct replay *r);

/* Ends the session: kills the replayed process and every save point's process. */
void replay_close(struct replay *r);

/* ---- calling the program's functions (replay_call.c) ---- */

/* A call world: a throwaway fork of the replayed process at the current stop, in which the
 * program's functions are called one after another (the calls of one evaluation share it, so a
 * call sees what the previous one wrote) and from which their results are read afterwards. The
 * replayed process is never changed. Its owner closes it when the replay moves (session_call.c). */
struct call_world {
    pid_t pid;                      /* 0: closed */
    uint32_t id;                    /* names this world to Java (CALL_RESULT, READ_CALL_MEMORY) */
    struct user_regs_struct regs;   /* the stop's registers: every call starts from them */
    uint64_t scratch_low;           /* data and stacks of later calls go below this address */
};

/* Opens a world at the current stop (w must be closed). 0, or -1 with err. Not while
 * replay_resume() runs. */
int call_world_open(struct replay *r, struct call_world *w, char *err, size_t errlen);
/* Calls `fn` (its entry) in w with up to 6 integer/pointer arguments; `data` (len bytes) is
 * written into the world first, below the stop's red zone, and the arguments whose bit is set in
 * data_args get its address added (string literals). 0 with rax in *result, or -1 with err (a
 * syscall the call needs, a signal, a 2 s timeout...): then w is closed. */
int call_world_call(struct call_world *w, uint64_t fn, const uint64_t *args, int argc, uint8_t data_args,
                    const uint8_t *data, uint32_t len, uint64_t *result, char *err, size_t errlen);
/* Reads n bytes of the world's memory: 0, or -1 when unreadable or closed. */
int call_world_read(struct call_world *w, uint64_t addr, void *out, size_t n);
/* Kills and reaps the world's process; a closed world stays closed. */
void call_world_close(struct call_world *w);

/* ---- save points (replay_savepoint.c) ---- */

/* A stopped fork of the replayed process at an event boundary, with the replay state of that
 * moment. It never runs: restoring forks it again. Owned by its session (freed by replay_close).
 * MAP_SHARED memory is shared with the live process; a save point keeps a copy of the bytes of
 * the writable shared mappings and puts them back on restore (see replay_savepoint.c for limits).
 * Not to be called while replay_resume() runs. */
struct replay_savepoint;

/* Makes a save point of the current state. Only between events: the replayed process stopped at
 * a syscall stop (at the entry, after a syscall event, at the exit_group of RSTOP_EXITED), with
 * no signal being delivered; NULL with the reason in err otherwise. */
struct replay_savepoint *replay_save(struct replay *r, char *err, size_t errlen);

/* Reports where the replay stands (event, pc) with `reason`, without moving it. */
void replay_report_here(struct replay *r, struct replay_stop *stop, enum replay_stop_reason reason);

/* A breakpoint's arrivals since the last event boundary. */
struct hit_count {
    uint64_t addr;
    uint32_t hits;
};
/*
 * At a breakpoint arrival (the replay's last run ended with RSTOP_BREAKPOINT at a breakpoint of
 * the set): makes the replay stand just before that arrival (the next run reports it again, with
 * the same count), and makes a save point there, mid-event, whose restore stands there too. The
 * save point keeps the counts of the breakpoints counted since the event's boundary (the arrival
 * itself not yet in its own count); a breakpoint set made right after the restore (or right
 * after this call) takes those counts over, so hit counts stay canonical. -1 with err when the
 * replay is not at such an arrival (nothing changed); else 0 with *out the save point, or NULL
 * with the reason in err when none can be made there (the replay still stands before the arrival).
 */
int replay_save_at_hit(struct replay *r, struct replay_savepoint **out, char *err, size_t errlen);
/* A save point made at a hit: its pc, and its counts before the arrival there (that arrival is
 * the (counts[pc] + 1)-th at pc); false for a save point at an event boundary. *counts stays the
 * save point's. */
bool replay_savepoint_hit(const struct replay_savepoint *sp, uint64_t *pc, const struct hit_count **counts,
                          int *n);
/* Makes the replay continue from the save point: the current replayed process is killed, a fresh
 * fork of the save point becomes the replayed process, and the event log, program break, end
 * flags and the rest of the replay state are as they were at the save; the current breakpoint set
 * is armed in it. The save point stays usable. 0, or -1 with err (the session is unchanged unless
 * the log cannot be re-read, which fails the session). */
int replay_restore(struct replay *r, struct replay_savepoint *sp, char *err, size_t errlen);
/* Index of the next event to replay at the save point (replay_stop.event of that moment). */
uint64_t replay_savepoint_event(const struct replay_savepoint *sp);
/* The frozen process (0 once it is gone). */
pid_t replay_savepoint_pid(const struct replay_savepoint *sp);
/* Memory the save point alone holds, in bytes: its process's Private_Dirty (pages no other
 * process shares any more: grows as the replay moves on), its page tables, and its copy of
 * shared memory. What freeing it gives back, roughly. */
size_t replay_savepoint_memory(const struct replay_savepoint *sp);
/* Kills the frozen process and frees the save point (NULL is ignored). */
void replay_savepoint_free(struct replay *r, struct replay_savepoint *sp);

#endif
