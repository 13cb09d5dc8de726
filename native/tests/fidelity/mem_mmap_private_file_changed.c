/* mem_mmap_private_file_changed: a MAP_PRIVATE file mapping whose page the program has not stored
 * to shows later writes to the file (pwrite), like a shared one; after the program's own store the
 * page is private and no longer follows the file. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-privchg-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 8192) == 0, "an 8 KiB file of zeros");
    volatile unsigned char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    OK(m != MAP_FAILED && m[0] == 0, "MAP_PRIVATE, page 0 read");
    m[4096] = 1;
    unsigned char r[4];
    getrandom(r, sizeof r, 0);
    r[0] |= 1;
    OK(pwrite(fd, r, 4, 0) == 4 && pwrite(fd, r, 4, 4100) == 4, "pwrite into both pages");
    OK(m[0] == r[0] && m[3] == r[3], "the untouched page follows the file");
    OK(m[4100] == 0 && m[4096] == 1, "the stored-to page is private");
    SHOW("random %02x%02x", m[0], m[1]);
    munmap((void *)m, 8192);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
