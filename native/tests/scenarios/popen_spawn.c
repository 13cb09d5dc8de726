/* popen_spawn: other ways to run a child: popen (reading `date +%N` through a pipe),
 * posix_spawn of /bin/echo with waitpid, and vfork + execve. The children run for real while
 * recording; replay runs none and prints what they said. */
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(void) {
    FILE *f = popen("date +%s.%N; echo $$", "r");
    char line[128];
    while (f && fgets(line, sizeof line, f))
        printf("popen read: %s", line);
    printf("pclose %d\n", f ? pclose(f) : -1);
    fflush(stdout);
    pid_t pid;
    char *args[] = {"echo", "spawned", "echo", NULL};
    int r = posix_spawn(&pid, "/bin/echo", NULL, NULL, args, environ);
    int st;
    waitpid(pid, &st, 0);
    printf("posix_spawn r=%d pid %d status %d\n", r, pid, st);
    fflush(stdout);
    pid_t v = vfork();
    if (v == 0) {
        char *a[] = {"sh", "-c", "echo vforked shell $$; exit 5", NULL};
        execve("/bin/sh", a, environ);
        _exit(127);
    }
    waitpid(v, &st, 0);
    printf("vfork child %d exit %d\n", v, WEXITSTATUS(st));
    return 0;
}
