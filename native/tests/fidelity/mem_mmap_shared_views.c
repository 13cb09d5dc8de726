/* mem_mmap_shared_views: two MAP_SHARED mappings of one file made before any store: a store through
 * the first is seen through the second at once (one page cache), and a MAP_PRIVATE mapping made
 * before the store sees it too until the program stores into that page itself. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-views-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 8192) == 0, "an 8 KiB file");
    unsigned char *a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    volatile unsigned char *b = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    OK(a != MAP_FAILED && b != MAP_FAILED, "two shared views");
    unsigned char r[8];
    getrandom(r, sizeof r, 0);
    memcpy(a + 100, r, sizeof r);
    OK(b[100] == r[0] && b[107] == r[7], "the second view sees the store");
    a[5000] = 0x77;
    OK(b[5000] == 0x77, "in the other page too");
    SHOW("random %02x%02x", b[100], b[101]);
    munmap(a, 8192);
    munmap((void *)b, 8192);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
