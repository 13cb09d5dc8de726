/*
 * replay.h: replays a recording, deterministically, from the husk.
 *
 * The replayed process runs under PTRACE_SYSEMU: each syscall stops at its entry and is skipped by
 * the kernel; the agent checks it against the next recorded event (number and arguments), then
 * either writes the recorded result and memory (emulated syscalls) or runs it for real at the
 * recorded addresses (the address space and signal state). Recorded stdout/stderr writes are copied
 * to the agent's own stdout/stderr. Anything unexpected is a divergence: the replay stops with
 * "replay diverged at event N: expected ..., got ...".
 */
#ifndef REWIND_REPLAY_H
#define REWIND_REPLAY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

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

void replay_run(const struct replay_request *req, struct replay_result *res);

#endif
