/* sys_rlimits: getrlimit/setrlimit/prlimit: lowering RLIMIT_NOFILE's soft limit makes open fail
 * with EMFILE past it; prlimit returns the old limit while setting a new one and reads another
 * process's (a child's) limits; soft above hard is EINVAL; RLIMIT_CORE 0; an unknown resource
 * is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    struct rlimit nofile, r;
    OK(getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur <= nofile.rlim_max, "getrlimit NOFILE");
    SHOW("nofile %llu/%llu", (unsigned long long)nofile.rlim_cur, (unsigned long long)nofile.rlim_max);
    struct rlimit low = {16, nofile.rlim_max};
    OK(setrlimit(RLIMIT_NOFILE, &low) == 0, "soft NOFILE 16");
    int fds[32], n = 0;
    while (n < 32 && (fds[n] = open("/dev/null", O_RDONLY)) >= 0)
        n++;
    OK(n < 16 && errno == EMFILE, "open fails with EMFILE below 16 descriptors");
    while (n > 0)
        close(fds[--n]);
    struct rlimit old;
    OK(prlimit(0, RLIMIT_NOFILE, &nofile, &old) == 0 && old.rlim_cur == 16, "prlimit restores, old soft 16");
    struct rlimit bad = {nofile.rlim_max, 10};
    errno = 0;
    OK(setrlimit(RLIMIT_NOFILE, &bad) == -1 && errno == EINVAL, "soft above hard: EINVAL");
    struct rlimit core = {0, RLIM_INFINITY};
    getrlimit(RLIMIT_CORE, &r);
    core.rlim_max = r.rlim_max;
    OK(setrlimit(RLIMIT_CORE, &core) == 0 && getrlimit(RLIMIT_CORE, &r) == 0 &&
       r.rlim_cur == 0, "RLIMIT_CORE 0");
    OK(getrlimit(RLIMIT_STACK, &r) == 0 && r.rlim_cur > 0, "RLIMIT_STACK");
    errno = 0;
    OK(getrlimit(99, &r) == -1 && errno == EINVAL, "resource 99: EINVAL");
    int pfd[2];
    pipe(pfd);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        struct rlimit mine = {12345, 12345};
        setrlimit(RLIMIT_NPROC, &mine);
        write(pfd[1], "s", 1);
        pause();
        _exit(0);
    }
    char c;
    read(pfd[0], &c, 1);
    struct rlimit theirs = {0, 0};
    OK(prlimit(p, RLIMIT_NPROC, NULL, &theirs) == 0 && theirs.rlim_cur == 12345, "prlimit reads the child's");
    kill(p, SIGKILL);
    waitpid(p, NULL, 0);
    return FIDELITY_END();
}
