/* sys_prctl_basic: prctl PR_SET_NAME/PR_GET_NAME (16 bytes, truncated to 15 + NUL, visible in
 * /proc/self/comm), PR_SET_PDEATHSIG/PR_GET_PDEATHSIG (written through a pointer),
 * PR_GET_DUMPABLE 1, PR_GET_NO_NEW_PRIVS as inherited (not as the recorder set it), then
 * PR_SET_NO_NEW_PRIVS and PR_GET_NO_NEW_PRIVS 1 (it cannot be unset),
 * PR_GET_CHILD_SUBREAPER, PR_GET_TIMERSLACK; an unknown option is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(void)
{
    char name[16];
    memset(name, 0xee, sizeof name);
    OK(prctl(PR_GET_NAME, name) == 0 && memchr(name, 0, 16), "PR_GET_NAME");
    SHOW("name was %s", name);
    OK(prctl(PR_SET_NAME, "a-very-long-thread-name") == 0, "PR_SET_NAME with 23 characters");
    memset(name, 0xee, sizeof name);
    OK(prctl(PR_GET_NAME, name) == 0 && strcmp(name, "a-very-long-thr") == 0, "read back truncated to 15");
    char comm[32] = {0};
    int fd = open("/proc/self/comm", O_RDONLY);
    read(fd, comm, sizeof comm - 1);
    close(fd);
    OK(strcmp(comm, "a-very-long-thr\n") == 0, "/proc/self/comm agrees");
    int sig = -1;
    OK(prctl(PR_GET_PDEATHSIG, &sig) == 0 && sig == 0, "no parent-death signal at first");
    OK(prctl(PR_SET_PDEATHSIG, SIGUSR2) == 0, "PR_SET_PDEATHSIG SIGUSR2");
    sig = -1;
    OK(prctl(PR_GET_PDEATHSIG, &sig) == 0 && sig == SIGUSR2, "PR_GET_PDEATHSIG reads SIGUSR2");
    prctl(PR_SET_PDEATHSIG, 0);
    errno = 0;
    OK(prctl(PR_SET_PDEATHSIG, 65) == -1 && errno == EINVAL, "signal 65: EINVAL");
    OK(prctl(PR_GET_DUMPABLE) == 1, "dumpable");
    int nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
    char what[64];
    snprintf(what, sizeof what, "no_new_privs before: %d (inherited)", nnp);
    OK(nnp == 0 || nnp == 1, what);
    OK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1,
       "no_new_privs set and read back");
    errno = 0;
    OK(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0) == -1 && errno == EINVAL, "it cannot be unset: EINVAL");
    int reaper = -1;
    OK(prctl(PR_GET_CHILD_SUBREAPER, &reaper) == 0 && reaper == 0, "not a subreaper");
    OK(prctl(PR_GET_TIMERSLACK) > 0, "timer slack");
    errno = 0;
    OK(prctl(9999) == -1 && errno == EINVAL, "option 9999: EINVAL");
    return FIDELITY_END();
}
