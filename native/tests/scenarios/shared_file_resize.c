/* shared_file_resize: a file mapped MAP_SHARED (read-write, and read-only through a read-only
 * descriptor) changed by pwrite and resized by ftruncate, several rounds: each round prints what
 * the mappings show and whether the page past the end faults (SIGBUS). Replays, and replays from
 * save points taken anywhere (test_savepoint's sweep), must print the same. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

static sigjmp_buf escape;

static void on_bus(int sig) { (void)sig; siglongjmp(escape, 1); }

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
    char path[] = "/tmp/rewind-sfr-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ftruncate(fd, 4096) < 0)
        return 1;
    int ro = open(path, O_RDONLY);
    volatile unsigned char *rw = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    volatile unsigned char *rd = mmap(NULL, 2 * 4096, PROT_READ, MAP_SHARED, ro, 0);
    if (rw == MAP_FAILED || rd == MAP_FAILED)
        return 1;
    signal(SIGBUS, on_bus);
    for (int round = 0; round < 4; round++) {
        unsigned char r[2];
        getrandom(r, sizeof r, 0);
        pwrite(fd, r, 2, 10 + round);
        rw[20 + round] = r[1];
        int grown = round % 2 == 0;
        ftruncate(fd, grown ? 2 * 4096 : 4096);
        printf("round %d: %02x %02x %02x page 1 %s\n", round, rd[10 + round], rd[20 + round],
               rw[10 + round], faults(rd + 4096) ? "faults" : "reads");
        fflush(stdout);
        if (grown)
            pwrite(fd, r, 1, 4096 + round);
        printf("  page 1 byte %d: %d\n", round, faults(rw + 4096 + round) ? -1 : rw[4096 + round]);
        fflush(stdout);
    }
    unlink(path);
    return 0;
}
