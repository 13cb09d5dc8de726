/* mem_mmap_shared_write: a MAP_SHARED file mapping changed by write(), pwrite() and ftruncate() on
 * the same file: the mapping shows the written bytes at once, and after ftruncate shrinks and grows
 * the file again the truncated part reads as zeros. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-msw-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 8192) == 0, "an 8 KiB file");
    volatile unsigned char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    OK(m != MAP_FAILED, "MAP_SHARED");
    unsigned char r[16];
    getrandom(r, sizeof r, 0);
    OK(pwrite(fd, r, sizeof r, 100) == sizeof r, "pwrite 16 random bytes at 100");
    int same = 1;
    for (int i = 0; i < 16; i++)
        same &= m[100 + i] == r[i];
    OK(same, "the mapping shows the pwrite");
    lseek(fd, 4096, SEEK_SET);
    OK(write(fd, r, 8) == 8, "write 8 bytes at 4096");
    OK(m[4096] == r[0] && m[4103] == r[7], "the mapping shows the write");
    OK(ftruncate(fd, 50) == 0 && ftruncate(fd, 8192) == 0, "shrink to 50, grow back");
    OK(m[100] == 0 && m[4096] == 0, "the truncated part reads as zeros");
    SHOW("random %02x%02x", r[0], r[1]);
    munmap((void *)m, 8192);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
