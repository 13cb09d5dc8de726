/* getrusage: resource usage of the process (and of its children after a fork), and times(2),
 * which differ from run to run. Replay must return the recorded structures. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *who, int which) {
    struct rusage ru;
    int r = getrusage(which, &ru);
    printf("%s r=%d utime %ld.%06ld stime %ld.%06ld maxrss %ld minflt %ld majflt %ld nvcsw %ld "
           "nivcsw %ld\n",
           who, r, (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec, (long)ru.ru_stime.tv_sec,
           (long)ru.ru_stime.tv_usec, ru.ru_maxrss, ru.ru_minflt, ru.ru_majflt, ru.ru_nvcsw,
           ru.ru_nivcsw);
}

int main(void) {
    volatile double x = 1;
    for (int i = 0; i < 2000000; i++)
        x = x * 1.0000001 + 0.5;
    show("self", RUSAGE_SELF);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        for (int i = 0; i < 1000000; i++)
            x = x * 1.0000001;
        _exit(0);
    }
    waitpid(p, NULL, 0);
    show("children", RUSAGE_CHILDREN);
    struct tms t;
    clock_t c = times(&t);
    printf("times %ld utime %ld stime %ld cutime %ld\n", (long)c, (long)t.tms_utime,
           (long)t.tms_stime, (long)t.tms_cutime);
    return 0;
}
