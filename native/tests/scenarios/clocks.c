/* clocks: wall and monotonic time through clock_gettime (several clocks), gettimeofday, time and
 * clock_getres. glibc answers most of these from the vDSO without a syscall, so a recorder must
 * force them through real syscalls; a replay that re-reads the clock prints different numbers. */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static void show(const char *name, clockid_t id) {
    struct timespec ts;
    int r = clock_gettime(id, &ts);
    printf("%-24s r=%d %lld.%09ld\n", name, r, (long long)ts.tv_sec, ts.tv_nsec);
}

int main(void) {
    show("CLOCK_REALTIME", CLOCK_REALTIME);
    show("CLOCK_MONOTONIC", CLOCK_MONOTONIC);
    show("CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW);
    show("CLOCK_BOOTTIME", CLOCK_BOOTTIME);
    show("CLOCK_REALTIME_COARSE", CLOCK_REALTIME_COARSE);
    show("CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID);
    show("CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID);
    struct timeval tv;
    int r = gettimeofday(&tv, NULL);
    printf("gettimeofday r=%d %lld.%06ld\n", r, (long long)tv.tv_sec, (long)tv.tv_usec);
    time_t t1 = time(NULL), t2;
    time(&t2);
    printf("time %lld %lld\n", (long long)t1, (long long)t2);
    struct timespec res;
    clock_getres(CLOCK_MONOTONIC, &res);
    printf("clock_getres(MONOTONIC) %lld.%09ld\n", (long long)res.tv_sec, res.tv_nsec);
    /* a tight loop of clock reads: each one must come back from the recording */
    long long sum = 0;
    for (int i = 0; i < 200; i++) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        sum += ts.tv_nsec % 1000;
    }
    printf("sum of 200 monotonic reads mod 1000: %lld\n", sum);
    char buf[64];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", localtime(&t1));
    printf("localtime %s\n", buf);
    return 0;
}
