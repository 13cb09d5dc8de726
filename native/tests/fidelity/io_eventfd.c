/* io_eventfd: eventfd counters: writes add, a read returns the sum and resets it; EFD_SEMAPHORE
 * reads 1 at a time; a nonblocking read of 0 is EAGAIN; a read buffer under 8 bytes EINVAL; writing
 * 0xffffffffffffffff EINVAL; poll reports POLLIN when the counter is nonzero. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>

int main(void)
{
    int e = eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC);
    OK(e >= 0, "eventfd initial 3");
    uint64_t v = (uint64_t)getpid();
    OK(write(e, &v, 8) == 8, "write the pid");
    uint64_t r = 0;
    OK(read(e, &r, 8) == 8 && r == 3 + (uint64_t)getpid(), "read returns the sum");
    errno = 0;
    OK(read(e, &r, 8) == -1 && errno == EAGAIN, "counter 0, nonblocking: EAGAIN");
    errno = 0;
    OK(read(e, &r, 4) == -1 && errno == EINVAL, "a 4-byte buffer: EINVAL");
    v = UINT64_MAX;
    errno = 0;
    OK(write(e, &v, 8) == -1 && errno == EINVAL, "writing 2^64-1: EINVAL");
    struct pollfd pf = {e, POLLIN, 0};
    OK(poll(&pf, 1, 0) == 0, "poll: nothing to read");
    v = 1;
    write(e, &v, 8);
    OK(poll(&pf, 1, 0) == 1 && (pf.revents & POLLIN), "poll: POLLIN after a write");
    int s = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    OK(read(s, &r, 8) == 8 && r == 1 && read(s, &r, 8) == 8 && r == 1, "EFD_SEMAPHORE reads 1 twice");
    errno = 0;
    OK(read(s, &r, 8) == -1 && errno == EAGAIN, "then EAGAIN");
    SHOW("pid %d", getpid());
    close(s);
    close(e);
    return FIDELITY_END();
}
