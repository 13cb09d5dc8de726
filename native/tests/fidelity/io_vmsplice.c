/* io_vmsplice: vmsplice of user memory into a pipe (read back with read), and out of a pipe into
 * user memory (the kernel writes the iovecs: the bytes must match what went in); vmsplice on a
 * non-pipe is EBADF. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    int p[2];
    OK(pipe(p) == 0, "pipe");
    static unsigned char data[3000], a[1000], b[3000];
    getrandom(data, sizeof data, 0);
    struct iovec in[2] = {{data, 1000}, {data + 1000, 2000}};
    OK(vmsplice(p[1], in, 2, 0) == 3000, "vmsplice 3000 bytes into the pipe");
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    struct iovec out[2] = {{a, 1000}, {b, 1500}};
    OK(vmsplice(p[0], out, 2, 0) == 2500, "vmsplice 2500 bytes out of the pipe");
    OK(memcmp(a, data, 1000) == 0 && memcmp(b, data + 1000, 1500) == 0, "the kernel wrote the iovecs");
    OK(read(p[0], b, sizeof b) == 500 && memcmp(b, data + 2500, 500) == 0, "read gets the rest");
    SHOW("random %02x%02x%02x", a[0], a[1], a[2]);
    int fd = open("/dev/null", O_WRONLY);
    errno = 0;
    OK(vmsplice(fd, in, 1, 0) == -1 && errno == EBADF, "vmsplice on a non-pipe: EBADF");
    close(fd);
    close(p[0]);
    close(p[1]);
    return FIDELITY_END();
}
