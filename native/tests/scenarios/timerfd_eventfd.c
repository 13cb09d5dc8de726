/* timerfd_eventfd: file descriptors that deliver time and counters: a timerfd that expires a few
 * times (read returns the expiration count), timerfd_gettime, and an eventfd counter. The counts
 * and remaining times depend on timing; replay must return the recorded values. */
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    struct itimerspec its = {{0, 7000000}, {0, 7000000}};
    timerfd_settime(tfd, 0, &its, NULL);
    uint64_t total = 0;
    for (int i = 0; i < 3; i++) {
        uint64_t exp = 0;
        ssize_t n = read(tfd, &exp, sizeof exp);
        total += exp;
        printf("timerfd read %zd: %llu expirations\n", n, (unsigned long long)exp);
        struct timespec d = {0, 9000000};
        nanosleep(&d, NULL);
    }
    struct itimerspec cur;
    timerfd_gettime(tfd, &cur);
    printf("timerfd_gettime next in %ld ns, total %llu\n", cur.it_value.tv_nsec,
           (unsigned long long)total);
    int efd = eventfd(3, EFD_CLOEXEC | EFD_NONBLOCK);
    uint64_t add = (uint64_t)time(NULL) % 1000 + 1;
    write(efd, &add, sizeof add);
    uint64_t v = 0;
    ssize_t n = read(efd, &v, sizeof v);
    printf("eventfd read %zd value %llu (3 + %llu)\n", n, (unsigned long long)v,
           (unsigned long long)add);
    n = read(efd, &v, sizeof v);
    printf("eventfd empty read %zd\n", n);
    return 0;
}
