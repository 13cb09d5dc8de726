/* fs_dup: dup gives the lowest free fd sharing the file offset, dup2 onto an open fd closes it
 * first, dup2 to itself returns the fd, dup3 with O_CLOEXEC sets the flag, dup3 to itself EINVAL,
 * bad fds EBADF. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-dup-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && write(fd, "abcdef", 6) == 6, "write 6 bytes");
    lseek(fd, 2, SEEK_SET);
    int d = dup(fd);
    OK(d > fd, "dup gives a new fd");
    OK(lseek(d, 0, SEEK_CUR) == 2, "the dup shares the offset");
    char c;
    OK(read(d, &c, 1) == 1 && c == 'c' && lseek(fd, 0, SEEK_CUR) == 3, "reading one moves the other");
    int e = open("/dev/null", O_RDONLY);
    OK(dup2(fd, e) == e && lseek(e, 0, SEEK_CUR) == 3, "dup2 onto an open fd replaces it");
    OK(dup2(fd, fd) == fd, "dup2 to itself returns the fd");
    OK(dup3(fd, 100, O_CLOEXEC) == 100 && fcntl(100, F_GETFD) == FD_CLOEXEC, "dup3 O_CLOEXEC");
    OK(fcntl(d, F_GETFD) == 0, "dup clears FD_CLOEXEC");
    errno = 0;
    OK(dup3(fd, fd, 0) == -1 && errno == EINVAL, "dup3 to itself: EINVAL");
    errno = 0;
    OK(dup(555) == -1 && errno == EBADF, "dup of a closed fd: EBADF");
    errno = 0;
    OK(dup2(fd, -1) == -1 && errno == EBADF, "dup2 to -1: EBADF");
    SHOW("pid %d", getpid());
    close(100);
    close(e);
    close(d);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
