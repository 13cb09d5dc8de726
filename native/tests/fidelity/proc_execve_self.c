/* proc_execve_self: the program execs itself (/proc/self/exe) with new arguments and an
 * environment of its own; the new image sees exactly that argv and envp, the same pid, and the
 * descriptors without FD_CLOEXEC only. The recording continues across the exec. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp)
{
    if (argc == 4 && strcmp(argv[1], "second") == 0) {
        OK(strcmp(argv[2], "arg with spaces") == 0 && strcmp(argv[3], "") == 0, "argv after exec");
        OK(envp[0] && strcmp(envp[0], "FIDELITY_A=1") == 0 && envp[1] && strcmp(envp[1], "B=x=y") == 0 &&
               envp[2] == NULL, "the environment is exactly the one given");
        OK(getenv("PATH") == NULL, "no inherited PATH");
        OK(fcntl(100, F_GETFD) == 0, "fd 100 (no FD_CLOEXEC) survived");
        errno = 0;
        OK(fcntl(101, F_GETFD) == -1 && errno == EBADF, "fd 101 (FD_CLOEXEC) was closed");
        char pid[32];
        snprintf(pid, sizeof pid, "%d", getpid());
        SHOW("pid after exec %s", pid);
        return FIDELITY_END();
    }
    SHOW("pid before exec %d", getpid());
    OK(dup2(1, 100) == 100, "dup2 to 100");
    OK(dup3(1, 101, O_CLOEXEC) == 101, "dup3 to 101 with O_CLOEXEC");
    char *args[] = {argv[0], "second", "arg with spaces", "", NULL};
    char *env[] = {"FIDELITY_A=1", "B=x=y", NULL};
    fflush(stdout);
    execve("/proc/self/exe", args, env);
    OK(0, "execve returned");
    return FIDELITY_END();
}
