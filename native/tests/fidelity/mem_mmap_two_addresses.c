/* mem_mmap_two_addresses: one file mapped shared at two addresses (one of them at an offset) and
 * privately at a third: a pwrite shows in all three; a store through one shared mapping shows in
 * the other; the private page stored to keeps its own bytes. A mapping made after the first
 * writes (and one unmapped) follows later writes too. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-m2a-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 8192) == 0, "an 8 KiB file");
    volatile unsigned char *a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    volatile unsigned char *b = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
    volatile unsigned char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    OK(a != MAP_FAILED && b != MAP_FAILED && p != MAP_FAILED, "three mappings");
    p[0] = 9;
    unsigned char r[4];
    getrandom(r, sizeof r, 0);
    r[0] |= 1;
    OK(pwrite(fd, r, 4, 4096 + 8) == 4 && pwrite(fd, r, 4, 0) == 4, "pwrite into both pages");
    OK(a[4104] == r[0] && b[8] == r[0] && p[4104] == r[0], "all three show page 1");
    OK(a[0] == r[0] && p[0] == 9, "page 0: shared shows it, the stored-to private page does not");
    a[4200] = 5;
    OK(b[104] == 5, "a store through one shared mapping shows in the other");
    munmap((void *)b, 4096);
    volatile unsigned char *c = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
    OK(c != MAP_FAILED && c[8] == r[0], "a mapping made later shows the earlier write");
    OK(pwrite(fd, r + 1, 1, 4096 + 9) == 1 && c[9] == r[1] && a[4105] == r[1], "and the next one");
    SHOW("byte %02x", c[8]);
    munmap((void *)c, 4096);
    munmap((void *)a, 8192);
    munmap((void *)p, 8192);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
