/* system: system(3) runs /bin/sh in a child (posix_spawn/clone + exec + wait); the shell's
 * output goes to the recording's stdout. Replay runs no shell: the child's output and its exit
 * status come from the recording. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

int main(void) {
    printf("before system at %ld\n", (long)time(NULL));
    fflush(stdout);
    int r = system("echo shell pid $$; date +%s.%N; exit 3");
    printf("system returned %d (exited %d, code %d)\n", r, WIFEXITED(r), WEXITSTATUS(r));
    fflush(stdout);
    r = system("echo to stderr >&2; head -c 8 /dev/urandom | od -An -tx1");
    printf("second system returned %d\n", r);
    return 0;
}
