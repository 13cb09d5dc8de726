/* mem_mmap_shared_writev: a MAP_SHARED file mapping shows at once what writev, pwritev and
 * pwritev2 write to the file (several iovecs, crossing a page boundary). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-mwv-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 3 * 4096) == 0, "a 12 KiB file");
    volatile unsigned char *m = mmap(NULL, 3 * 4096, PROT_READ, MAP_SHARED, fd, 0);
    OK(m != MAP_FAILED, "MAP_SHARED, read-only");
    unsigned char a[8], b[8];
    getrandom(a, sizeof a, 0);
    getrandom(b, sizeof b, 0);
    struct iovec iov[2] = {{a, sizeof a}, {b, sizeof b}};
    lseek(fd, 4096 - 4, SEEK_SET);
    OK(writev(fd, iov, 2) == 16, "writev 16 bytes across pages 0 and 1");
    OK(m[4092] == a[0] && m[4096] == a[4] && m[4107] == b[7], "the mapping shows the writev");
    OK(pwritev(fd, iov, 2, 8192) == 16, "pwritev at 8192");
    OK(m[8192] == a[0] && m[8200] == b[0], "the mapping shows the pwritev");
    OK(pwritev2(fd, iov, 1, 100, 0) == 8, "pwritev2 at 100");
    OK(m[100] == a[0] && m[107] == a[7], "the mapping shows the pwritev2");
    unsigned sum = 0;
    for (int i = 0; i < 3 * 4096; i++)
        sum = sum * 31 + m[i];
    SHOW("sum %08x", sum);
    munmap((void *)m, 3 * 4096);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
