/*
 * record.h: records one program run into a trace folder.
 *
 * The program runs under ptrace with ASLR off and rdtsc trapping on; every syscall's result and the
 * memory it wrote become SYSCALL events, every exec an EXEC image, signals SIGNAL events, trapped
 * rdtsc RDTSC events, the end an EXIT event. Children run for real, untraced after a fix-up.
 * Asynchronous signals are held back to the next syscall boundary and recorded there, so replay
 * can deliver them at the same place without counting instructions.
 */
#ifndef REWIND_RECORD_H
#define REWIND_RECORD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct record_request {
    const char *trace_dir;
    const char *program;
    char *const *argv;
    char *const *envp;
    const char *cwd;
    void (*on_started)(void *ctx, pid_t pid);   /* may be NULL */
    void *ctx;
    uint64_t snapshot_every;    /* 0, or: a snapshot of the program about every this many events,
                                   into trace_dir/snapshots/incoming/EVENT.body */
    bool chaos;                 /* chaos mode: threads scheduled at random (record_sched.c) */
    uint64_t chaos_seed;        /* ... from this seed */
    pid_t attach_pid;           /* 0, or: record this process instead of starting `program` (a
                                   forked child, attached and stopped: record_tree.h) */
};

/* Error codes match the wire protocol's ERROR codes (protocol/wire-protocol.md). */
struct record_result {
    int error_code;         /* 0: the program ran (see the rest); else why it could not */
    int wait_status;        /* as waitpid reported the program's end */
    uint64_t events;
    bool complete;          /* the recording ends with EXIT (not STOP, not cut off) */
    char message[1024];     /* empty, or why the recording stopped / failed */
    uint32_t snapshots_forked, snapshots_in_place; /* how snapshots were dumped (snapshot_dump.h) */
    int signalled;          /* 0, or the signal (TERM, HUP, QUIT) rewind was sent while recording */
};

void record_run(const struct record_request *req, struct record_result *res);

/*
 * For the agent's parent-death signal handler (async-signal-safe): if a recording runs, asks it
 * to stop (STOP event, program and children killed, trace closed) and returns true; else false.
 */
bool record_parent_gone(void);

/* For the agent's signal handler (async-signal-safe): rewind was sent sig (TERM, HUP, QUIT) just
 * before a recording starts; the recording passes it to the program once it runs. */
void record_terminate_early(int sig);

#endif
