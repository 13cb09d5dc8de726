/* sig_signalfd_info: a signalfd reads blocked signals as struct signalfd_siginfo (128 bytes):
 * ssi_signo, ssi_code, ssi_pid, ssi_uid, ssi_int; several signals in one read; a nonblocking
 * signalfd with nothing pending is EAGAIN; a buffer smaller than 128 bytes is EINVAL; signalfd
 * with an existing fd changes its mask. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN + 3);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    OK(fd >= 0, "signalfd");
    struct signalfd_siginfo info[4];
    errno = 0;
    OK(read(fd, info, sizeof info) == -1 && errno == EAGAIN, "nothing pending: EAGAIN");
    kill(getpid(), SIGUSR1);
    sigqueue(getpid(), SIGRTMIN + 3, (union sigval){.sival_int = -5});
    struct pollfd pfd = {fd, POLLIN, 0};
    OK(poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN), "poll: readable");
    errno = 0;
    OK(read(fd, info, 100) == -1 && errno == EINVAL, "a 100-byte buffer: EINVAL");
    memset(info, 0, sizeof info);
    OK(read(fd, info, sizeof info) == 2 * (ssize_t)sizeof info[0], "one read, two signals");
    OK(info[0].ssi_signo == SIGUSR1 && info[0].ssi_code == SI_USER && info[0].ssi_pid == (uint32_t)getpid() &&
           info[0].ssi_uid == getuid(), "SIGUSR1: SI_USER from us");
    OK(info[1].ssi_signo == (uint32_t)SIGRTMIN + 3 && info[1].ssi_code == SI_QUEUE && info[1].ssi_int == -5,
       "SIGRTMIN+3: SI_QUEUE, value -5");
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, SIGUSR1);
    OK(signalfd(fd, &only, 0) == fd, "signalfd on the same fd changes the mask");
    sigqueue(getpid(), SIGRTMIN + 3, (union sigval){.sival_int = 1});
    errno = 0;
    OK(read(fd, info, sizeof info) == -1 && errno == EAGAIN, "RTMIN+3 no longer read");
    SHOW("ssi_pid %u", info[0].ssi_pid);
    close(fd);
    return FIDELITY_END();
}
