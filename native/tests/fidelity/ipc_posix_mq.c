/* ipc_posix_mq: a POSIX message queue: mq_open with attributes (mq_maxmsg 4, mq_msgsize 64),
 * mq_getattr reads them and mq_curmsgs; mq_receive returns the highest priority first with its
 * priority; a full queue with O_NONBLOCK is EAGAIN; mq_timedreceive on an empty queue times out
 * (ETIMEDOUT); a too small receive buffer is EMSGSIZE; mq_unlink. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <mqueue.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    char name[64];
    snprintf(name, sizeof name, "/rewind-fidelity-%d", getpid());
    struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 64};
    mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    OK(q != (mqd_t)-1, "mq_open O_CREAT");
    SHOW("queue %s", name);
    OK(mq_send(q, "low", 3, 1) == 0 && mq_send(q, "high", 4, 9) == 0 && mq_send(q, "mid", 3, 5) == 0,
       "send three with priorities 1, 9, 5");
    struct mq_attr now;
    memset(&now, 0xee, sizeof now);
    OK(mq_getattr(q, &now) == 0 && now.mq_maxmsg == 4 && now.mq_msgsize == 64 && now.mq_curmsgs == 3,
       "mq_getattr: 4, 64, 3 queued");
    char buf[64];
    unsigned prio = 0;
    errno = 0;
    OK(mq_receive(q, buf, 10, &prio) == -1 && errno == EMSGSIZE, "buffer below mq_msgsize: EMSGSIZE");
    memset(buf, 0, sizeof buf);
    OK(mq_receive(q, buf, sizeof buf, &prio) == 4 && prio == 9 && memcmp(buf, "high", 4) == 0, "high first");
    OK(mq_receive(q, buf, sizeof buf, &prio) == 3 && prio == 5 && memcmp(buf, "mid", 3) == 0, "then mid");
    OK(mq_receive(q, buf, sizeof buf, &prio) == 3 && prio == 1 && memcmp(buf, "low", 3) == 0, "then low");
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 10000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_nsec -= 1000000000;
        deadline.tv_sec++;
    }
    errno = 0;
    OK(mq_timedreceive(q, buf, sizeof buf, &prio, &deadline) == -1 && errno == ETIMEDOUT, "empty: ETIMEDOUT");
    struct mq_attr nb = {.mq_flags = O_NONBLOCK}, old;
    OK(mq_setattr(q, &nb, &old) == 0 && old.mq_flags == 0, "mq_setattr O_NONBLOCK");
    for (int i = 0; i < 4; i++)
        mq_send(q, "x", 1, 0);
    errno = 0;
    OK(mq_send(q, "y", 1, 0) == -1 && errno == EAGAIN, "full and nonblocking: EAGAIN");
    OK(mq_close(q) == 0 && mq_unlink(name) == 0, "close and unlink");
    errno = 0;
    OK(mq_open(name, O_RDONLY) == (mqd_t)-1 && errno == ENOENT, "gone: ENOENT");
    return FIDELITY_END();
}
