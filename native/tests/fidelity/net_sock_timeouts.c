/* net_sock_timeouts: SO_RCVTIMEO makes a blocking recv on an empty socket fail with EAGAIN after
 * the timeout (not before), SO_SNDTIMEO reads back as set (struct timeval, rounded to the
 * kernel's jiffies at most up), a negative timeval is EDOM... or accepted as none on newer
 * kernels; SO_RCVLOWAT reads back. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
    int sv[2];
    OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
    struct timeval tv = {0, 30000}, got = {9, 9};
    socklen_t len = sizeof got;
    OK(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0, "SO_RCVTIMEO 30 ms");
    OK(getsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &got, &len) == 0 && got.tv_sec == 0 && got.tv_usec >= 30000 &&
       got.tv_usec < 50000, "read back about 30 ms");
    long long t0 = now_ns();
    char c;
    errno = 0;
    OK(recv(sv[0], &c, 1, 0) == -1 && (errno == EAGAIN || errno == EWOULDBLOCK), "recv times out: EAGAIN");
    long long waited = now_ns() - t0;
    OK(waited >= 25000000, "after about the timeout");
    SHOW("waited %lld ns", waited);
    struct timeval snd = {2, 500000};
    len = sizeof got;
    OK(setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &snd, sizeof snd) == 0 &&
       getsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &got, &len) == 0 && got.tv_sec == 2 && got.tv_usec >= 500000,
       "SO_SNDTIMEO 2.5 s read back");
    int low = 4;
    int lowgot = 0;
    len = sizeof lowgot;
    OK(setsockopt(sv[0], SOL_SOCKET, SO_RCVLOWAT, &low, sizeof low) == 0 &&
       getsockopt(sv[0], SOL_SOCKET, SO_RCVLOWAT, &lowgot, &len) == 0 && lowgot == 4, "SO_RCVLOWAT 4");
    struct timeval bad = {0, 2000000};
    errno = 0;
    OK(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &bad, sizeof bad) == -1 && errno == EDOM, "tv_usec 2e6: EDOM");
    return FIDELITY_END();
}
