/* proc_ptrace_traceme: the program debugs its own child: the child asks PTRACE_TRACEME and stops
 * itself; the parent sees the stop in waitpid, reads a word of the child's memory with
 * PTRACE_PEEKDATA, changes it with POKEDATA, and lets it continue; the child exits with the
 * changed value. A program must be able to trace its own children while recorded. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile long word = 0x1234;

int main(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
            _exit(100);
        raise(SIGSTOP);
        _exit(word == 0x4321 ? 0 : 101);
    }
    int st;
    OK(waitpid(p, &st, 0) == p && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "the traced child stopped");
    errno = 0;
    long v = ptrace(PTRACE_PEEKDATA, p, (void *)&word, 0);
    OK(errno == 0 && v == 0x1234, "PEEKDATA reads the child's word");
    OK(ptrace(PTRACE_POKEDATA, p, (void *)&word, (void *)0x4321L) == 0, "POKEDATA");
    OK(ptrace(PTRACE_CONT, p, 0, 0) == 0, "PTRACE_CONT");
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child saw the poked value");
    SHOW("child %d", p);
    return FIDELITY_END();
}
