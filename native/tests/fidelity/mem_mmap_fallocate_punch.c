/* mem_mmap_fallocate_punch: fallocate(PUNCH_HOLE | KEEP_SIZE) under a MAP_SHARED mapping and an
 * untouched MAP_PRIVATE one zeroes the punched range in both; fallocate growing the file makes the
 * page past the old end readable (zeros) in the shared mapping. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-mpunch-XXXXXX";
    int fd = mkstemp(path);
    unsigned char data[8192];
    getrandom(data, sizeof data, 0);
    for (int i = 0; i < 8192; i++)
        data[i] |= 1;
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "an 8 KiB file of non-zero bytes");
    volatile unsigned char *s = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    volatile unsigned char *p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
    OK(s != MAP_FAILED && p != MAP_FAILED, "mapped shared and private");
    OK(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4096, 4096) == 0, "punch page 1");
    OK(s[4096] == 0 && s[8191] == 0 && s[4095] == data[4095], "the shared mapping reads zeros there");
    OK(p[4096] == 0 && p[0] == data[0], "so does the untouched private one");
    OK(fallocate(fd, 0, 8192, 4096) == 0, "fallocate grows the file to 12 KiB");
    OK(s[8192] == 0 && s[12287] == 0, "the third page of the shared mapping reads zeros");
    s[8192] = 7;
    OK(s[8192] == 7, "and takes a store");
    SHOW("first byte %02x", s[0]);
    munmap((void *)s, 3 * 4096);
    munmap((void *)p, 8192);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
