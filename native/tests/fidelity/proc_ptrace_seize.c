/* proc_ptrace_seize: the program seizes its running child (PTRACE_SEIZE), interrupts it
 * (PTRACE_INTERRUPT gives a PTRACE_EVENT_STOP group stop), reads its registers, and detaches;
 * the child then exits normally. (It waits until the child sleeps in read first.) A program must be able to trace its own children while recorded. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

/* Waits until process p sleeps (state S in /proc/p/stat): then it is inside its read. */
static int wait_until_sleeping(pid_t p)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%d/stat", p);
    for (int i = 0; i < 10000; i++) {
        FILE *f = fopen(path, "r");
        if (!f)
            return 0;
        char *got = fgets(line, sizeof line, f);
        fclose(f);
        char *end = got ? strrchr(line, ')') : NULL;
        if (end && end[1] == ' ' && end[2] == 'S')
            return 1;
        usleep(1000);
    }
    return 0;
}

int main(void)
{
    int pfd[2];
    pipe(pfd);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char c;
        read(pfd[0], &c, 1);
        _exit(9);
    }
    OK(wait_until_sleeping(p), "the child sleeps in read");
    int seized = ptrace(PTRACE_SEIZE, p, 0, 0) == 0;
    OK(seized, "PTRACE_SEIZE of our child");
    if (!seized) {
        write(pfd[1], "x", 1);
        waitpid(p, NULL, 0);
        return FIDELITY_END();
    }
    OK(ptrace(PTRACE_INTERRUPT, p, 0, 0) == 0, "PTRACE_INTERRUPT");
    int st;
    OK(waitpid(p, &st, 0) == p && WIFSTOPPED(st) && (st >> 16) == PTRACE_EVENT_STOP, "event stop");
    struct user_regs_struct regs;
    OK(ptrace(PTRACE_GETREGS, p, 0, &regs) == 0 && regs.orig_rax == 0, "GETREGS: stopped in read");
    OK(ptrace(PTRACE_DETACH, p, 0, 0) == 0, "PTRACE_DETACH");
    write(pfd[1], "x", 1);
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 9, "the child exits with 9");
    SHOW("child %d", p);
    return FIDELITY_END();
}
