/* io_splice_tee: splice from a file into a pipe (the kernel updates *off_in), tee duplicates pipe
 * data into a second pipe without consuming it, splice from a pipe into a file at *off_out; splice
 * between two non-pipes is EINVAL, tee of a pipe to itself EINVAL, an empty nonblocking pipe EAGAIN. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-splice-XXXXXX";
    int fd = mkstemp(path);
    unsigned char data[2048], a[2048], b[2048];
    getrandom(data, sizeof data, 0);
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "write a file");
    int p[2], q[2];
    OK(pipe2(p, O_NONBLOCK) == 0 && pipe2(q, O_NONBLOCK) == 0, "two pipes");
    loff_t in = 48;
    OK(splice(fd, &in, p[1], NULL, 1000, 0) == 1000, "splice file -> pipe 1000 bytes");
    OK(in == 1048, "*off_in advanced to 1048");
    OK(tee(p[0], q[1], 600, 0) == 600, "tee 600 bytes");
    OK(read(q[0], a, sizeof a) == 600 && memcmp(a, data + 48, 600) == 0, "the tee copy holds the first 600");
    loff_t out = 4096;
    OK(splice(p[0], NULL, fd, &out, 1000, 0) == 1000, "splice pipe -> file at 4096");
    OK(out == 5096, "*off_out advanced to 5096");
    OK(pread(fd, b, 1000, 4096) == 1000 && memcmp(b, data + 48, 1000) == 0, "tee did not consume: the file got all 1000");
    SHOW("random %02x%02x%02x", b[0], b[1], b[2]);
    errno = 0;
    OK(splice(fd, NULL, fd, NULL, 10, 0) == -1 && errno == EINVAL, "splice file -> file: EINVAL");
    errno = 0;
    OK(tee(p[0], p[1], 10, 0) == -1 && errno == EINVAL, "tee a pipe to itself: EINVAL");
    errno = 0;
    OK(splice(p[0], NULL, fd, &out, 10, SPLICE_F_NONBLOCK) == -1 && errno == EAGAIN, "empty nonblocking pipe: EAGAIN");
    close(p[0]); close(p[1]); close(q[0]); close(q[1]);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
