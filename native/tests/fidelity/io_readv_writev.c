/* io_readv_writev: writev gathers, readv scatters across buffers of different sizes (the last one
 * partly filled at end of file), an iovcnt over IOV_MAX is EINVAL, zero-length iovecs are skipped. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-rv-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    char a[] = "alpha-", b[] = "", c[] = "gamma";
    unsigned char r[8];
    getrandom(r, sizeof r, 0);
    struct iovec w[4] = {{a, 6}, {b, 0}, {c, 5}, {r, 8}};
    OK(writev(fd, w, 4) == 19, "writev gathers 19 bytes");
    lseek(fd, 0, SEEK_SET);
    char x[3], y[10], z[20];
    memset(z, '#', sizeof z);
    struct iovec v[3] = {{x, 3}, {y, 10}, {z, 20}};
    OK(readv(fd, v, 3) == 19, "readv scatters 19 bytes");
    OK(memcmp(x, "alp", 3) == 0 && memcmp(y, "ha-gamma", 8) == 0, "first buffers filled in order");
    OK(memcmp(y + 8, r, 2) == 0 && memcmp(z, r + 2, 6) == 0 && z[6] == '#', "last buffer partly filled");
    SHOW("random %02x%02x%02x", z[0] & 0xff, z[1] & 0xff, z[2] & 0xff);
    static struct iovec many[IOV_MAX + 1];
    errno = 0;
    OK(readv(fd, many, IOV_MAX + 1) == -1 && errno == EINVAL, "iovcnt over IOV_MAX: EINVAL");
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
