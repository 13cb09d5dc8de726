/* proc_ids: the process's ids: getuid/geteuid/getgid/getegid agree with getresuid/getresgid,
 * setresuid/setresgid to the same ids succeed, getgroups counts then lists the groups, and
 * pid/ppid/tid/pgid/sid relate as documented (a new session in a child). The session id is 0
 * when the session leader lives outside our pid namespace (containers, CI runners). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    uid_t r, e, s;
    gid_t gr, ge, gs;
    OK(getresuid(&r, &e, &s) == 0 && r == getuid() && e == geteuid(), "getresuid agrees with getuid/geteuid");
    OK(getresgid(&gr, &ge, &gs) == 0 && gr == getgid() && ge == getegid(), "getresgid agrees");
    OK(setresuid(r, e, s) == 0, "setresuid to the same ids");
    OK(setresgid(gr, ge, gs) == 0, "setresgid to the same ids");
    OK(setresuid(-1, -1, -1) == 0, "setresuid(-1,-1,-1) changes nothing");
    int n = getgroups(0, NULL);
    OK(n >= 0, "getgroups(0) counts");
    gid_t groups[256];
    OK(n <= 256 && getgroups(256, groups) == n, "getgroups lists as many");
    errno = 0;
    OK(n < 2 || (getgroups(n - 1, groups) == -1 && errno == EINVAL), "getgroups with a short list: EINVAL");
    OK(syscall(SYS_gettid) == getpid(), "single-threaded: tid is pid");
    OK(getpgid(0) == getpgrp() && getsid(0) >= 0, "pgid and sid");
    SHOW("uid %d gid %d pid %d ppid %d groups %d", r, gr, getpid(), getppid(), n);
    int pfd[2];
    pipe(pfd);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        pid_t sid = setsid();
        int good = sid == getpid() && getpgid(0) == getpid() && getsid(0) == getpid();
        write(pfd[1], good ? "y" : "n", 1);
        _exit(0);
    }
    char c = 0;
    read(pfd[0], &c, 1);
    OK(c == 'y', "setsid in a child: new session and group led by it");
    waitpid(p, NULL, 0);
    OK(setpgid(0, 0) == 0 || errno == EPERM, "setpgid(0,0): ok, or EPERM as session leader");
    return FIDELITY_END();
}
