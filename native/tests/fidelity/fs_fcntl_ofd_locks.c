/* fs_fcntl_ofd_locks: open file description locks: two opens of one file conflict even in one
 * process (F_OFD_SETLK EAGAIN, F_OFD_GETLK describes the holder with l_pid -1), a dup shares the
 * lock, F_OFD_SETLK with l_pid nonzero is EINVAL, closing the holder releases it. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-ofd-XXXXXX";
    int a = mkstemp(path);
    int b = open(path, O_RDWR);
    OK(a >= 0 && b >= 0, "two opens of one file");
    struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
    OK(fcntl(a, F_OFD_SETLK, &l) == 0, "F_OFD_SETLK on the first");
    struct flock m = l;
    errno = 0;
    OK(fcntl(b, F_OFD_SETLK, &m) == -1 && errno == EAGAIN, "the second conflicts: EAGAIN");
    struct flock q = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 5, .l_len = 1};
    OK(fcntl(b, F_OFD_GETLK, &q) == 0 && q.l_type == F_WRLCK && q.l_start == 0 && q.l_len == 10 && q.l_pid == -1,
       "F_OFD_GETLK describes it, l_pid -1");
    int d = dup(a);
    struct flock n = l;
    OK(fcntl(d, F_OFD_SETLK, &n) == 0, "a dup shares the description: no conflict");
    struct flock bad = l;
    bad.l_pid = 1;
    errno = 0;
    OK(fcntl(a, F_OFD_SETLK, &bad) == -1 && errno == EINVAL, "l_pid nonzero: EINVAL");
    close(a);
    close(d);
    m = l;
    OK(fcntl(b, F_OFD_SETLK, &m) == 0, "closing the holder released it");
    SHOW("pid %d", getpid());
    close(b);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
