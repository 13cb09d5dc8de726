/*
 * replay_internal.h: the replay session's state, shared by replay.c (the event loop and
 * breakpoints), replay_syscalls.c (how each recorded syscall is reproduced) and replay_start.c
 * (the husk and exec images). Not for use outside the replay.
 */
#ifndef REWIND_REPLAY_INTERNAL_H
#define REWIND_REPLAY_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "dirty.h"
#include "image.h"
#include "replay.h"
#include "replay_threads.h"
#include "trace_reader.h"
#include "tracee.h"

#define REPLAY_MAX_BREAKPOINTS 1024
#define REPLAY_MAX_SHARED 256

/* A data breakpoint: bytes whose change stops the replay (replay_watch.c). */
struct watch {
    uint64_t addr;
    uint32_t len;
    bool known;                     /* old holds the bytes as last seen (they were readable) */
    uint8_t old[REPLAY_WATCH_MAX_LEN];
};

/* A page holding watched bytes; write-protected while the replay runs, when armed. */
struct watch_page {
    uint64_t page;
    int prot;                       /* the program's own protection of it (when armed) */
    bool armed;
};

/* Who wants a breakpoint entry: one int3 serves every owner at an address. */
enum breakpoint_owner {
    BP_USER = 1,            /* asked for by the client (replay_set_breakpoints) */
    BP_TEMPORARY = 2,       /* the motion engine's own (replay_motion.c) */
    BP_SIGNAL_POINT = 4,    /* the pc of the next event, a signal in user code (never reported) */
};
/* The owners a hit is reported to (a stop of the replay; see hit_reported in replay.c). */
#define BP_REPORTED (BP_USER | BP_TEMPORARY)

struct breakpoint {
    uint64_t addr;
    uint8_t saved;          /* the original byte, valid while inserted */
    uint32_t hits;          /* hits since the last event was replayed (user breakpoints) */
    bool inserted;
    unsigned owners;        /* enum breakpoint_owner bits; an entry exists only while it has one */
    bool counted;           /* hits counts every arrival since the last event boundary (armed
                               there, or its count taken over from a save point made at a hit) */
};

/* Hit counts a breakpoint set made while the replay stands still at a save point made at a
 * breakpoint arrival takes over (replay_hit_counts.c): valid until user code runs again. */
struct hit_base {
    bool valid;
    int n;
    struct hit_count at[REPLAY_MAX_BREAKPOINTS];
};

struct replay {
    struct trace_reader tr;
    struct tracee t;
    char trace_dir[PATH_MAX];       /* absolute: injected openat calls use it */
    bool alive;                     /* the replayed process exists */
    int threads;                    /* threads the recording holds (trace_check_blobs) */
    struct replay_threads th;       /* the live threads, once the recording named one */
    bool debug;                     /* REWIND_DEBUG set: narrate events on stderr */

    /* the event being reached: read from the log, not yet fully replayed */
    struct trace_event ev;
    bool have_ev;
    bool ev_begun;                  /* an async signal raised / a fault reported for ev */
    int deliver_sig;                /* signal to deliver at the next resume */
    bool at_exit;                   /* stopped at the program's end (EXIT reached) */
    bool ended;                     /* nothing more to replay */
    bool end_is_stop;               /* the end is a STOP event (not a cut-short log) */
    char end_message[1024];

    uint64_t brk;                   /* program break as replayed (0: not known yet) */
    uint64_t maps_generation;       /* bumped whenever file mappings may have changed */
    uint64_t swap_mask;             /* address of a temporary signal mask (see replay_syscalls.c) */

    replay_output_fn out;
    void *out_ctx;

    char shared_dir[PATH_MAX];      /* private folder of writable copies for MAP_SHARED files */
    struct shared_copy {
        uint64_t dev, ino;                /* the recorded file's identity */
        uint8_t blob[TRACE_HASH_SIZE];    /* its contents when first mapped (the copy's start) */
    } shared[REPLAY_MAX_SHARED];
    int nshared;

    /* System V segments as the replay maps them (replay_shm.c): the recorded id of the segment
     * that file shm_dir/<slot> stands for (slot = index; kept by forks: save points share it),
     * from which event on (an id the kernel reused after IPC_RMID is another segment), and the
     * event of its IPC_RMID (UINT64_MAX: none seen). Known once replayed, whatever the replay's
     * later moves back and forth: which segment an attach means depends on its event alone. */
    char shm_dir[PATH_MAX];
    struct shm_segment {
        int64_t id;
        uint64_t since;
        uint64_t removed_at;
    } shm_segments[64];
    int nshm_segments;

    struct module_name {
        char hash[65];              /* blob file name */
        char *name;                 /* the file's path while recording */
        struct module_name *next;
    } *names;

    struct breakpoint bps[REPLAY_MAX_BREAKPOINTS + 2]; /* the user's, the signal point, a motion's temporary */
    uint64_t unarmed_bp;            /* a breakpoint left out until the next resume (see advance) */
    int nbps;
    uint64_t signal_point;          /* the address of the signal_point breakpoint, or 0 */
    uint64_t unpatchable;           /* 1 + the index of a signal event whose point cannot be
                                       patched (signal_patch.c): breakpoint only */

    struct watch watches[REPLAY_MAX_WATCHES];
    int nwatches;
    struct watch_page wpages[2 * REPLAY_MAX_WATCHES];
    int nwpages;
    bool watch_armed;               /* the replay runs with the watched pages protected */
    uint32_t watch_hits;            /* watch stops since the last event was replayed */
    uint64_t after_watch_pc;        /* a store's watch stop left the tracee here, before the
                                     * instruction ran: a breakpoint here is an arrival still to
                                     * count (see run_events); also set where a save point made at
                                     * a hit stands (replay_save_at_hit); 0 otherwise */
    char point_note[400];           /* the next event is a signal point whose pc the replay stood
                                       at at its boundary, with another state: what differed
                                       (told with a divergence at that event), else empty */
    bool mid_event;                 /* user code ran since the last event boundary: breakpoints
                                     * set now count late (not `counted`) */
    bool at_hit;                    /* the last run ended at a breakpoint arrival, counted */
    struct hit_base base;
    bool delivering;                /* a signal raised with tgkill is delivered at the next resume */
    bool stop_lost;                 /* an injection replaced the stop the tracee was in */
    bool segv_restore;              /* our faults change the program's SIGSEGV state: put it back */
    bool segv_blocked;              /* ... SIGSEGV was blocked */
    uint8_t segv_action[32];        /* ... its action (struct kernel_sigaction) */

    struct replay_stop *err;        /* where a divergence is reported */
    volatile int pause_requested;   /* set by replay_request_pause (another thread) */
    volatile int pause_stale;       /* ... but asked during an earlier run: swallow it silently */
    bool has_failed;                /* a divergence or damage ended the session: */
    struct replay_stop failed;      /* its report, repeated on every later resume */

    struct savepoint_set *savepoints; /* save points made and processes being killed
                                         (replay_savepoint.c); all gone after replay_close */
    struct dirty_tracker dirty;     /* pages written since the last snapshot (snapshot.c) */
    struct replay_watchdog *watchdog; /* notices a replay that can no longer progress */
};

/* replay_watchdog.c: started with the replay, stopped when it closes (see the file). */
struct replay_watchdog *replay_watchdog_start(struct replay *r);
/* The "replay stuck at event N: ..." note, once the watchdog ended a stuck replay; else NULL. */
const char *replay_watchdog_stuck(const struct replay_watchdog *w);
void replay_watchdog_stop(struct replay_watchdog *w);
/* The replay runs thread pid to the point in user code of event (SIGNAL/PREEMPT place 2), which
 * the recording reached with recorded_ns of user CPU used: the watchdog ends a run that uses far
 * more. Called at every run to it; the measure starts at the first for this event and thread. */
void replay_watchdog_approach(struct replay_watchdog *w, pid_t pid, uint64_t event,
                              uint64_t recorded_ns);

/* A session not yet started (no trace open, no process); errors go to stop. */
struct replay *replay_new(replay_output_fn out, void *ctx, struct replay_stop *stop);

/* replay.c: replays one stream (one process's recording) to its end, its output to out; *opened
 * (if not NULL) is the replay while it runs (NULL before and after). */
void replay_run_stream(const struct replay_request *req, replay_output_fn out, void *ctx,
                       struct replay **opened, struct replay_result *res);

/* replay_tree.c: whether trace_dir is a process-tree recording to replay whole (it has procs/ and
 * REWIND_REPLAY_ALONE is not set in the agent's environment). */
bool replay_tree_wanted(const char *trace_dir);
/* Replays every process of the tree, then prints their output in the recorded order; the result
 * is the root's (or the first failure, naming its process). */
void replay_tree_run(const struct replay_request *req, struct replay_result *res);
/* Reports "at an event" (RSTOP_EVENT) where the replay stands. */
void replay_report_event(struct replay *r, struct replay_stop *stop);

/* Reports a divergence at ev in r->err; returns -1. */
int replay_diverged(struct replay *r, const struct trace_event *ev, const char *got);
/* Reports a damaged trace in r->err; returns -1. */
int replay_trace_error(struct replay *r, const char *message);
/* replay_diverged for a stop s that is not what ev expected (s described as "got"). */
int replay_diverged_stop(struct replay *r, const struct trace_event *ev, const struct stop_info *s);
/* ev as the divergence messages name it ("write(1, …)", "signal …"). */
void replay_describe_event(char *out, size_t n, const struct trace_event *ev);

/* Injects syscall nr through the `syscall` instruction the tracee is stopped after. */
int64_t replay_inject(struct replay *r, long nr, uint64_t a0, uint64_t a1, uint64_t a2,
                      uint64_t a3, uint64_t a4, uint64_t a5);

/* Reproduces the syscall event ev; the tracee is at its entry stop. 0 or -1 (diverged). */
int replay_apply_syscall(struct replay *r, const struct trace_event *ev);
void replay_remove_shared_copies(struct replay *r);

/* replay_file_writes.c: the size marks of syscall event ev (file_watch.h) applied to the replay's
 * shared copies. 0, or -1 (r->err set). */
int replay_apply_size_marks(struct replay *r, const struct trace_event *ev);
/* Stores len recorded bytes at addr: through memory, else into the shared copy or an anonymous
 * page standing for a private file page past the copy's end. 0, or -errno. */
/* shmat and shmdt (replay_shm.c): the segment mapped (or aliased) at the recorded address with
 * the recorded content; unmapped. 0, or -1 (diverged or trace error reported). */
int replay_shmat(struct replay *r, const struct trace_event *ev);
/* A shmget or shmctl event (emulated): notes an IPC_RMID, and an id that a shmget after it got
 * again (a new segment from that event on). */
void replay_shm_track(struct replay *r, const struct trace_event *ev);
int replay_shmdt(struct replay *r, const struct trace_event *ev);

/* Writes the memory writes of SYSCALL event ev (and its size marks): 0, or -1 (reported). */
int replay_apply_writes(struct replay *r, const struct trace_event *ev);
int replay_write_around(struct replay *r, uint64_t addr, const uint8_t *bytes, uint32_t len);
struct map_entry;
/* Whether the mapping m (maps.h) maps one of the replay's shared copies (a file in shared_dir). */
bool replay_is_shared_copy(const struct replay *r, const struct map_entry *m);
/* Whether the mapping m maps the replay's file of a System V segment (replay_shm.c). */
bool replay_is_shm_file(const struct replay *r, const struct map_entry *m);
/* Removes the replay's files of System V segments (at the replay's end). */
void replay_remove_shm_files(struct replay *r);
struct buf;
/* A snapshot's System V segments section (docs/snapshot-format.md, version 5) appended to out:
 * the segment table and each segment file's bytes. 0, or -1 with err. */
int replay_shm_encode(struct replay *r, struct buf *out, char *err, size_t errlen);
/* Makes the segment table and files what the segments section (len bytes at p) says, the files
 * of this session rewritten in place (as the shared copies are). 0, or -1 (reported). */
int replay_shm_restore(struct replay *r, const uint8_t *p, size_t len);
/* The path of the file of segment slot (which must exist) into out: 0, or -1. */
int replay_shm_path(const struct replay *r, uint32_t slot, char *out, size_t n);

/* Path (into out) of the replay's writable copy of the recorded file dev:ino mapped MAP_SHARED:
 * every shared mapping of that file maps the same copy, so stores show through all of them. Made
 * from the blob on first use, and again (its old bytes gone) when `afresh` (replay_syscalls.c).
 * 0, or -1. */
int replay_shared_copy(struct replay *r, uint64_t dev, uint64_t ino,
                       const uint8_t blob[TRACE_HASH_SIZE], bool afresh, char *out, size_t n);

/* Starts the husk for the first EXEC image. 0 or -1 (r->err set). */
int replay_start_husk(struct replay *r, const struct image *img);
/* Replaces the address space with the EXEC event's image; inj = 0: make an injection page. */
int replay_apply_exec(struct replay *r, const struct trace_event *ev, uint64_t inj);

/* Remembers that blob `hash` is the recorded file `name` (len bytes). */
void replay_note_name(struct replay *r, const uint8_t hash[TRACE_HASH_SIZE], const char *name,
                      size_t len);

/* Breakpoints whose bytes a new mapping over [start, start+len) replaced: to be armed again. */
void replay_forget_breakpoints(struct replay *r, uint64_t start, uint64_t len);

/* Moves the signal-point breakpoint (one at most, alongside the user's) to addr (0: none). */
void replay_set_signal_point(struct replay *r, uint64_t addr);

/* signal_patch.c: whether the replay may run to signal event ev's point (SIGP_IN_CODE) through a
 * patched stub (no data breakpoints, no signal to deliver, no user breakpoint in the way), and the
 * run: 1 when the tracee stands at the point (its fingerprint matches; nothing patched is left),
 * 0 with *s another stop to handle as usual (nothing patched is left either), -1 when the point
 * cannot be patched (nothing ran). */
bool replay_can_patch_signal_point(struct replay *r, const struct trace_event *ev);
int replay_run_to_signal_point(struct replay *r, const struct trace_event *ev, struct stop_info *s);

/* The inserted breakpoint at addr, or NULL. */
struct breakpoint *replay_breakpoint_at(struct replay *r, uint64_t addr);

/* Takes the inserted breakpoints' bytes out of the process's memory (in = false: for a fork or a
 * snapshot, which must not hold them) or puts them back (the one left out while stopped on it,
 * unarmed_bp, stays out). */
void replay_breakpoint_bytes(struct replay *r, bool in);

/* Waits for the replayed process's next stop (PTRACE_EVENT_EXIT stops passed over). */
struct stop_info replay_wait_stop(struct replay *r);
/* Whether s is the trap of a finished single step. */
bool replay_is_step_trap(struct replay *r, const struct stop_info *s);

/* Breakpoints: (re)insert those whose address is mapped and not yet armed. */
void replay_arm_breakpoints(struct replay *r);

/* A throwaway fork of the replayed process at the current stop (a syscall, breakpoint or step
 * stop; not while a signal is being delivered), in its first (SIGSTOP) stop, its memory without
 * breakpoint bytes; regs/fpregs get the replayed process's registers. The replayed process is left
 * as it was (in a syscall-exit stop at the same registers). The child, or -1 with err. */
pid_t replay_fork_now(struct replay *r, struct user_regs_struct *regs,
                      struct user_fpregs_struct *fpregs, char *err, size_t errlen);
/* Kills and reaps such a fork. */
void replay_kill_fork(pid_t pid);

/* Data breakpoints (replay_watch.c). Arming protects the watched pages the program may write and
 * takes the watched values; disarming gives the pages their own protection back. */
void replay_watch_arm(struct replay *r);
void replay_watch_disarm(struct replay *r);
/* The armed page holding addr, or -1. */
int replay_watch_page_at(struct replay *r, uint64_t addr);
/* Write-protects an armed page again (on) or lifts it for one instruction (off). */
void replay_watch_protect(struct replay *r, int page, bool on);
enum { REPLAY_WATCH_NOT_OURS = -2, REPLAY_WATCH_QUIET = -1 };
/*
 * A SIGSEGV stop while watched pages are protected: ours when it is a write into one of them. Then
 * the faulting instruction runs once with its pages writable (more than one when it writes across
 * pages), they are protected again, and the watched bytes are compared. Returns the watch that
 * changed, REPLAY_WATCH_QUIET (ours, nothing changed: go on), or REPLAY_WATCH_NOT_OURS with *s the
 * stop to handle as usual (the same fault, or what else ended the instruction's step).
 */
int replay_watch_fault(struct replay *r, struct stop_info *s);

/* Puts back the program's SIGSEGV action and mask after one of our faults, when it changed them. */
void replay_watch_after_fault(struct replay *r);
/* Compares the watched bytes with their values before (and takes the new ones): the index of the
 * first watch that changed, or -1. */
int replay_watch_changed(struct replay *r);

/* ---- for the motion engine (replay_motion.c), which runs the replay in pieces ---- */

/* A pause asked for before now is not for the motion starting (as every resume does). */
void replay_motion_begin(struct replay *r);
/* One piece of a motion: replay_resume / replay_run_to_event without forgetting a pause asked
 * meanwhile (a target at or before the next event: runs as RUN_CONTINUE). */
void replay_motion_run(struct replay *r, enum replay_mode mode, uint64_t target,
                       struct replay_stop *stop);
/* Gives the watched pages the program's protection back (every reported stop has them so). */
void replay_motion_end(struct replay *r);
/* Adds a temporary breakpoint at addr (none when the client has one there). 1 added, 0 not. */
int replay_add_temporary(struct replay *r, uint64_t addr);
/* Takes every temporary breakpoint out. */
void replay_drop_temporaries(struct replay *r);
/* The client's (not temporary) inserted breakpoint at addr, or NULL. */
struct breakpoint *replay_user_breakpoint_at(struct replay *r, uint64_t addr);

/* Kills and frees every save point of the session (replay_savepoint.c; from replay_close). */
void replay_free_savepoints(struct replay *r);

#endif
