/* io_readv_partial_fault: readv whose second iovec points at unmapped memory: the kernel fills the
 * first buffer and returns a short count (or EFAULT when nothing was copied); writev likewise writes
 * what it could; the file offset moves by what was transferred. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-rvfault-XXXXXX";
    int fd = mkstemp(path);
    unsigned char data[200];
    getrandom(data, sizeof data, 0);
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "a 200-byte file");
    char *gap = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char first[50];
    memset(first, 0, sizeof first);
    struct iovec v[2] = {{first, sizeof first}, {gap, 100}};
    lseek(fd, 0, SEEK_SET);
    OK(readv(fd, v, 2) == 50, "readv: a short count, the first buffer only");
    OK(memcmp(first, data, 50) == 0 && lseek(fd, 0, SEEK_CUR) == 50, "its bytes, and the offset moved by 50");
    struct iovec bad[1] = {{gap, 10}};
    errno = 0;
    OK(readv(fd, bad, 1) == -1 && errno == EFAULT && lseek(fd, 0, SEEK_CUR) == 50, "nothing copied: EFAULT, offset kept");
    struct iovec w[2] = {{data, 20}, {gap, 10}};
    OK(writev(fd, w, 2) == 20 && lseek(fd, 0, SEEK_CUR) == 70, "writev writes what it could");
    SHOW("random %02x%02x", first[0], first[1]);
    munmap(gap, 4096);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
