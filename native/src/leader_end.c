/* leader_end.c: see leader_end.h. */
#include "leader_end.h"
#include "util.h"
#include "proc_info.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>

#define LEADER_END_POLL_NS 1000000L
#define LEADER_END_TRIES 10000 /* 10 s of 1 ms polls */

int leader_follow_to_end(pid_t tid, int *status)
{
    for (;;) {
        int st;
        pid_t got;
        while ((got = waitpid(tid, &st, __WALL)) < 0 && errno == EINTR)
            ;
        if (got < 0) {
            *status = 0;
            return -1;
        }
        *status = st;
        if (WIFEXITED(st) || WIFSIGNALED(st))
            return 1;
        if (!WIFSTOPPED(st))
            return -1;
        if ((st >> 16) == PTRACE_EVENT_EXIT)
            break;
        if ((WSTOPSIG(st) & 0x7f) == SIGTRAP && (st >> 16) == 0 && (WSTOPSIG(st) & 0x80)) {
            ptrace(PTRACE_SYSCALL, tid, 0, 0); /* (a syscall stop on the way: the exit's entry) */
            continue;
        }
        return -1;
    }
    ptrace(PTRACE_CONT, tid, 0, 0);
    struct timespec poll = {0, LEADER_END_POLL_NS};
    for (int i = 0; i < LEADER_END_TRIES; i++) {
        if (proc_task_ended(tid))
            return 0;
        nanosleep(&poll, NULL);
    }
    return -1;
}
