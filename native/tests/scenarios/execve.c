/* execve: the recorded process replaces itself twice: first with itself (argv[1] = "stage2",
 * through /proc/self/exe), then with /bin/echo. The recorder follows each execve and records the
 * new image; replay must rebuild each image and reproduce the times and pids printed. */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (argc > 1 && strcmp(argv[1], "stage2") == 0) {
        printf("stage2: pid %d time %lld.%09ld argc %d\n", getpid(), (long long)ts.tv_sec,
               ts.tv_nsec, argc);
        fflush(stdout);
        unsigned r;
        getrandom(&r, sizeof r, 0);
        char arg[64];
        snprintf(arg, sizeof arg, "echo says random=%u", r);
        char *eargv[] = {"echo", arg, NULL};
        execve("/bin/echo", eargv, environ);
        perror("execve /bin/echo");
        return 1;
    }
    printf("stage1: pid %d time %lld.%09ld\n", getpid(), (long long)ts.tv_sec, ts.tv_nsec);
    fflush(stdout);
    char *nargv[] = {argv[0], "stage2", NULL};
    execve("/proc/self/exe", nargv, environ);
    perror("execve self");
    return 1;
}
