/* mem_mmap_write_other_fd: a file mapped through one descriptor and written through others (a
 * dup, a second open of the same path, O_APPEND): the MAP_SHARED mapping shows every write. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-mofd-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 4096) == 0, "a one-page file");
    volatile unsigned char *m = mmap(NULL, 2 * 4096, PROT_READ, MAP_SHARED, fd, 0);
    OK(m != MAP_FAILED, "MAP_SHARED of two pages");
    unsigned char r[4];
    getrandom(r, sizeof r, 0);
    int d = dup(fd);
    OK(pwrite(d, r, 4, 10) == 4 && m[10] == r[0] && m[13] == r[3], "pwrite through a dup shows");
    int again = open(path, O_WRONLY);
    OK(again >= 0 && pwrite(again, r, 2, 2000) == 2 && m[2000] == r[0], "pwrite through a second open shows");
    int app = open(path, O_WRONLY | O_APPEND);
    OK(app >= 0 && write(app, r, 4) == 4, "append 4 bytes past the end");
    OK(m[4096] == r[0] && m[4099] == r[3] && m[4100] == 0, "the second page now shows them");
    close(fd);
    OK(pwrite(d, r + 1, 1, 0) == 1 && m[0] == r[1], "after the mapped descriptor is closed, too");
    SHOW("bytes %02x%02x", m[10], m[2000]);
    munmap((void *)m, 2 * 4096);
    close(d);
    close(again);
    close(app);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
