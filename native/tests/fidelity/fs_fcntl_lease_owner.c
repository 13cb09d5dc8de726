/* fs_fcntl_lease_owner: F_SETLEASE F_RDLCK on a file opened read-only, F_GETLEASE reports it,
 * F_UNLCK removes it; F_SETLEASE F_WRLCK while another fd has it open EAGAIN; F_SETOWN/F_GETOWN
 * with our pid, F_GETOWN_EX fills struct f_owner_ex; F_SETSIG/F_GETSIG. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-lease-XXXXXX";
    int w = mkstemp(path);
    int r = open(path, O_RDONLY);
    OK(w >= 0 && r >= 0, "two opens");
    close(w);
    int got = fcntl(r, F_SETLEASE, F_RDLCK);
    OK(got == 0 || errno == EAGAIN, "F_SETLEASE F_RDLCK answered");
    OK(got != 0 || fcntl(r, F_GETLEASE) == F_RDLCK, "F_GETLEASE reports it");
    OK(fcntl(r, F_SETLEASE, F_UNLCK) == 0 && fcntl(r, F_GETLEASE) == F_UNLCK, "F_UNLCK removes it");
    int r2 = open(path, O_RDONLY);
    int w2 = open(path, O_RDWR);
    errno = 0;
    OK(fcntl(w2, F_SETLEASE, F_WRLCK) == -1 && errno == EAGAIN, "F_WRLCK with other opens: EAGAIN");
    OK(fcntl(r, F_SETOWN, getpid()) == 0 && fcntl(r, F_GETOWN) == getpid(), "F_SETOWN / F_GETOWN");
    struct f_owner_ex ex = {-1, -1};
    OK(fcntl(r, F_GETOWN_EX, &ex) == 0 && ex.type == F_OWNER_PID && ex.pid == getpid(), "F_GETOWN_EX");
    OK(fcntl(r, F_SETSIG, SIGUSR1) == 0 && fcntl(r, F_GETSIG) == SIGUSR1, "F_SETSIG / F_GETSIG");
    SHOW("owner %d", ex.pid);
    close(r);
    close(r2);
    close(w2);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
