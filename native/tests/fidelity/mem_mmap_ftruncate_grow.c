/* mem_mmap_ftruncate_grow: touching a page of a file mapping wholly past the end of file raises
 * SIGBUS (BUS_ADRERR, si_addr the address); the handler jumps out; growing the file with ftruncate
 * makes the same page readable (zeros). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf escape;
static void *volatile fault_addr;
static volatile int fault_code;

static void on_bus(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)ctx;
    fault_addr = si->si_addr;
    fault_code = si->si_code;
    siglongjmp(escape, 1);
}

int main(void)
{
    char path[] = "/tmp/fid-sigbus-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && write(fd, "page one", 8) == 8, "a one-page file");
    volatile char *m = mmap(NULL, 3 * 4096, PROT_READ, MAP_SHARED, fd, 0);
    OK(m != MAP_FAILED && m[0] == 'p', "map 3 pages; the first reads");
    struct sigaction sa = {.sa_sigaction = on_bus, .sa_flags = SA_SIGINFO};
    sigaction(SIGBUS, &sa, NULL);
    int faulted = 0;
    if (sigsetjmp(escape, 1) == 0)
        (void)m[2 * 4096 + 5];
    else
        faulted = 1;
    OK(faulted && fault_code == BUS_ADRERR, "the third page: SIGBUS, BUS_ADRERR");
    OK(fault_addr == (void *)(m + 2 * 4096 + 5), "si_addr is the address touched");
    OK(ftruncate(fd, 3 * 4096) == 0 && m[2 * 4096 + 5] == 0, "after ftruncate the page reads zeros");
    SHOW("mapped at %p", (void *)m);
    munmap((void *)m, 3 * 4096);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
