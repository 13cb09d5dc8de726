/* poll_select_epoll: waiting for readiness on a pipe fed by a child, with poll, select, pselect
 * and epoll_wait (with timeouts that expire and ones that do not). The readiness results, the
 * fd_set and epoll_event memory, and the elapsed times must come back from the recording. */
#include <poll.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

int main(void) {
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < 3; i++) {
            usleep(15000);
            write(p[1], "x", 1);
        }
        _exit(0);
    }
    close(p[1]);
    long long t0 = now_us();
    struct pollfd pfd = {.fd = p[0], .events = POLLIN};
    int r = poll(&pfd, 1, 1);
    printf("poll (1 ms, nothing yet): %d revents %d\n", r, pfd.revents);
    r = poll(&pfd, 1, 2000);
    char c;
    read(p[0], &c, 1);
    printf("poll: %d revents %d after %lld us\n", r, pfd.revents, now_us() - t0);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timeval tv = {2, 0};
    r = select(p[0] + 1, &rs, NULL, NULL, &tv);
    read(p[0], &c, 1);
    printf("select: %d isset %d tv left %ld.%06ld after %lld us\n", r, FD_ISSET(p[0], &rs),
           (long)tv.tv_sec, (long)tv.tv_usec, now_us() - t0);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1234567890ULL};
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    struct epoll_event out[4];
    r = epoll_wait(ep, out, 4, 2000);
    printf("epoll_wait: %d events %x data %llx after %lld us\n", r, r > 0 ? out[0].events : 0,
           r > 0 ? (unsigned long long)out[0].data.u64 : 0ULL, now_us() - t0);
    read(p[0], &c, 1);
    waitpid(pid, NULL, 0);
    r = epoll_wait(ep, out, 4, 100);
    printf("epoll_wait after child exit: %d events %x (hangup)\n", r, r > 0 ? out[0].events : 0);
    struct timespec zero = {0, 0};
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    r = pselect(p[0] + 1, &rs, NULL, NULL, &zero, NULL);
    printf("pselect: %d\n", r);
    return 0;
}
