/* fs_fcntl_flags: fcntl F_GETFL/F_SETFL (O_APPEND and O_NONBLOCK change, the access mode does
 * not), F_GETFD/F_SETFD, F_DUPFD (lowest fd at or above the argument), F_DUPFD_CLOEXEC, an unknown
 * command EINVAL, a closed fd EBADF. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-fcntl-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    int fl = fcntl(fd, F_GETFL);
    OK((fl & O_ACCMODE) == O_RDWR && !(fl & O_APPEND), "F_GETFL: O_RDWR, no O_APPEND");
    OK(fcntl(fd, F_SETFL, fl | O_APPEND | O_NONBLOCK | O_WRONLY) == 0, "F_SETFL");
    fl = fcntl(fd, F_GETFL);
    OK((fl & O_APPEND) && (fl & O_NONBLOCK) && (fl & O_ACCMODE) == O_RDWR, "O_APPEND, O_NONBLOCK set; access mode unchanged");
    OK(write(fd, "ab", 2) == 2 && pwrite(fd, "c", 1, 0) == 1, "writes");
    char buf[4] = {0};
    OK(pread(fd, buf, 4, 0) == 3 && memcmp(buf, "abc", 3) == 0, "pwrite with O_APPEND appends (Linux)");
    OK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "F_SETFD / F_GETFD");
    int d = fcntl(fd, F_DUPFD, 50);
    OK(d >= 50 && fcntl(d, F_GETFD) == 0, "F_DUPFD at or above 50, without FD_CLOEXEC");
    int e = fcntl(fd, F_DUPFD_CLOEXEC, 50);
    OK(e > d && fcntl(e, F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC above the first, with FD_CLOEXEC");
    errno = 0;
    OK(fcntl(fd, 12345) == -1 && errno == EINVAL, "unknown command: EINVAL");
    errno = 0;
    OK(fcntl(999, F_GETFL) == -1 && errno == EBADF, "closed fd: EBADF");
    SHOW("pid %d", getpid());
    close(d);
    close(e);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
