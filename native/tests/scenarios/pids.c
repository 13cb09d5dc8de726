/* pids: process identity: getpid, getppid, gettid, getpgrp, getsid, the user and group ids,
 * and the pid a child gets. The pids differ on every run (the recorder's own pid is the parent);
 * replay must print the recorded ones. */
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    printf("pid %d ppid %d tid %ld\n", getpid(), getppid(), (long)syscall(SYS_gettid));
    printf("pgrp %d sid %d\n", getpgrp(), getsid(0));
    printf("uid %d euid %d gid %d egid %d\n", getuid(), geteuid(), getgid(), getegid());
    gid_t groups[64];
    int n = getgroups(64, groups);
    printf("%d supplementary groups\n", n);
    fflush(stdout);
    pid_t c = fork();
    if (c == 0)
        _exit(getpid() % 256);
    int st;
    waitpid(c, &st, 0);
    printf("child %d exited with its pid mod 256: %d\n", c, WEXITSTATUS(st) == c % 256);
    printf("pid again %d\n", getpid());
    return 0;
}
