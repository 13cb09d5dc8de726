/* ipc_mq_notify: mq_notify(SIGEV_SIGNAL) on an empty POSIX message queue: the first message
 * sent raises the signal once, with si_code SI_MESGQ, our pid and the sigev_value; the
 * registration is then gone (a second message raises nothing); a second registration while one
 * exists is EBUSY. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    char name[64];
    snprintf(name, sizeof name, "/rewind-fid-notify-%d", getpid());
    struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 16};
    mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    OK(q != (mqd_t)-1, "mq_open");
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1, .sigev_value.sival_int = 606};
    OK(mq_notify(q, &ev) == 0, "mq_notify SIGUSR1");
    errno = 0;
    OK(mq_notify(q, &ev) == -1 && errno == EBUSY, "again while registered: EBUSY");
    OK(mq_send(q, "m1", 2, 0) == 0, "send to the empty queue");
    siginfo_t si;
    struct timespec wait = {2, 0};
    memset(&si, 0, sizeof si);
    OK(sigtimedwait(&set, &si, &wait) == SIGUSR1, "the notification signal");
    OK(si.si_code == SI_MESGQ && si.si_value.sival_int == 606 &&
       si.si_pid == getpid(), "SI_MESGQ, value, our pid");
    char buf[16];
    mq_receive(q, buf, sizeof buf, NULL);
    OK(mq_send(q, "m2", 2, 0) == 0, "send again");
    struct timespec zero = {0, 0};
    errno = 0;
    OK(sigtimedwait(&set, &si, &zero) == -1 && errno == EAGAIN, "no second notification");
    SHOW("queue %s", name);
    mq_close(q);
    mq_unlink(name);
    return FIDELITY_END();
}
