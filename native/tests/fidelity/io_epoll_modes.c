/* io_epoll_modes: epoll level-triggered reports a readable pipe on every wait, edge-triggered
 * (EPOLLET) only once per new write, EPOLLONESHOT once until EPOLL_CTL_MOD rearms it; the event's
 * data (u64) comes back; EPOLL_CTL_ADD twice EEXIST, DEL of an unknown fd ENOENT, a regular file
 * EPERM; epoll_pwait2 with a timespec timeout returns 0 when idle. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int lt[2], et[2], os[2];
    pipe(lt);
    pipe(et);
    pipe(os);
    uint64_t tag = ((uint64_t)getpid() << 32) | 0xabcd;
    struct epoll_event e = {.events = EPOLLIN, .data.u64 = tag};
    OK(epoll_ctl(ep, EPOLL_CTL_ADD, lt[0], &e) == 0, "add level-triggered");
    e.events = EPOLLIN | EPOLLET;
    e.data.u64 = 2;
    OK(epoll_ctl(ep, EPOLL_CTL_ADD, et[0], &e) == 0, "add edge-triggered");
    e.events = EPOLLIN | EPOLLONESHOT;
    e.data.u64 = 3;
    OK(epoll_ctl(ep, EPOLL_CTL_ADD, os[0], &e) == 0, "add one-shot");
    write(lt[1], "a", 1);
    write(et[1], "b", 1);
    write(os[1], "c", 1);
    struct epoll_event out[8];
    OK(epoll_wait(ep, out, 8, 1000) == 3, "first wait: 3 ready");
    int n = epoll_wait(ep, out, 8, 0);
    OK(n == 1 && out[0].data.u64 == tag && out[0].events == EPOLLIN, "second wait: only level-triggered, its data back");
    write(et[1], "b", 1);
    n = epoll_wait(ep, out, 8, 0);
    OK(n == 2, "a new write re-reports the edge-triggered fd");
    e.events = EPOLLIN | EPOLLONESHOT;
    e.data.u64 = 3;
    OK(epoll_ctl(ep, EPOLL_CTL_MOD, os[0], &e) == 0 && epoll_wait(ep, out, 8, 0) == 2, "EPOLL_CTL_MOD rearms the one-shot (level and one-shot ready)");
    errno = 0;
    OK(epoll_ctl(ep, EPOLL_CTL_ADD, lt[0], &e) == -1 && errno == EEXIST, "add twice: EEXIST");
    errno = 0;
    OK(epoll_ctl(ep, EPOLL_CTL_DEL, lt[1], NULL) == -1 && errno == ENOENT, "delete unknown: ENOENT");
    char path[] = "/tmp/fid-epoll-XXXXXX";
    int f = mkstemp(path);
    errno = 0;
    OK(epoll_ctl(ep, EPOLL_CTL_ADD, f, &e) == -1 && errno == EPERM, "a regular file: EPERM");
    close(f);
    unlink(path);
    int idle = epoll_create1(0);
    struct timespec ts = {0, 1000000};
    long r = syscall(SYS_epoll_pwait2, idle, out, 8, &ts, NULL, 8);
    OK(r == 0 || (r == -1 && errno == ENOSYS), "epoll_pwait2 idle: 0 (or ENOSYS)");
    SHOW("tag %llx", (unsigned long long)tag);
    close(idle);
    close(ep);
    return FIDELITY_END();
}
