/* io_preadv_pwritev: preadv/pwritev at explicit offsets gather and scatter without moving the file
 * offset; an iovec with a NULL base and 0 length is fine; a preadv past the end reads 0, the buffers
 * untouched; a negative offset EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-pv-XXXXXX";
    int fd = mkstemp(path);
    unsigned char a[100], b[300];
    getrandom(a, sizeof a, 0);
    getrandom(b, sizeof b, 0);
    struct iovec w[3] = {{a, sizeof a}, {NULL, 0}, {b, sizeof b}};
    OK(fd >= 0 && pwritev(fd, w, 3, 1000) == 400, "pwritev 400 bytes at 1000");
    OK(lseek(fd, 0, SEEK_CUR) == 0, "the offset did not move");
    unsigned char x[250], y[250];
    memset(y, '#', sizeof y);
    struct iovec r[2] = {{x, sizeof x}, {y, sizeof y}};
    OK(preadv(fd, r, 2, 1000) == 400, "preadv 400 bytes");
    OK(memcmp(x, a, 100) == 0 && memcmp(x + 100, b, 150) == 0 && memcmp(y, b + 150, 150) == 0 && y[150] == '#',
       "scattered right, the rest untouched");
    memset(x, '#', sizeof x);
    OK(preadv(fd, r, 2, 100000) == 0 && x[0] == '#', "past the end: 0, untouched");
    errno = 0;
    OK(preadv(fd, r, 2, -5) == -1 && errno == EINVAL, "negative offset: EINVAL");
    SHOW("random %02x%02x%02x", y[0], y[1], y[2]);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
