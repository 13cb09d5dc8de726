/* mem_mmap_truncate_path: truncate() by path and open(O_TRUNC) of a file mapped MAP_SHARED: the
 * page past the new end raises SIGBUS; after growing again it reads zeros; the bytes past the new
 * end of the last partial page read zeros at once. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf escape;

static void on_bus(int sig) { (void)sig; siglongjmp(escape, 1); }

/* Whether a load at addr raises SIGBUS. */
static int faults(volatile unsigned char *addr)
{
    if (sigsetjmp(escape, 1) == 0) {
        (void)*addr;
        return 0;
    }
    return 1;
}

int main(void)
{
    char path[] = "/tmp/fid-mtrp-XXXXXX";
    int fd = mkstemp(path);
    unsigned char ones[8192];
    memset(ones, 1, sizeof ones);
    OK(fd >= 0 && write(fd, ones, sizeof ones) == sizeof ones, "an 8 KiB file of ones");
    volatile unsigned char *m = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    OK(m != MAP_FAILED && m[5000] == 1, "MAP_SHARED, both pages read");
    signal(SIGBUS, on_bus);
    OK(truncate(path, 100) == 0, "truncate by path to 100 bytes");
    OK(m[99] == 1 && m[100] == 0 && m[4095] == 0, "page 0 keeps 100 bytes, zeros after");
    OK(faults(m + 5000), "page 1: SIGBUS");
    OK(truncate(path, 8192) == 0 && !faults(m + 5000) && m[5000] == 0, "grown again: zeros");
    int t = open(path, O_RDWR | O_TRUNC);
    OK(t >= 0, "open with O_TRUNC");
    OK(faults(m) && faults(m + 5000), "both pages: SIGBUS");
    OK(pwrite(t, ones, 10, 4096) == 10, "pwrite at 4096 grows the file");
    OK(!faults(m) && m[0] == 0 && m[4096] == 1 && m[4106] == 0, "page 0 zeros, page 1 the bytes");
    SHOW("fd %d", t);
    munmap((void *)m, 8192);
    close(t);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
