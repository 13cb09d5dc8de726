/* mem_mprotect: mprotect makes a page read-only (a store faults: checked with a SIGSEGV handler that
 * sees si_addr and restores write access), PROT_NONE then back keeps the bytes, /proc/self/maps shows
 * the split; an unaligned address EINVAL, an unmapped range ENOMEM. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static char *page;
static volatile void *fault_addr;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)ctx;
    fault_addr = si->si_addr;
    mprotect(page, 4096, PROT_READ | PROT_WRITE);
}

int main(void)
{
    page = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(page != MAP_FAILED, "three pages");
    strcpy(page, "kept");
    struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
    sigaction(SIGSEGV, &sa, NULL);
    OK(mprotect(page, 4096, PROT_READ) == 0, "first page read-only");
    ((volatile char *)page)[100] = 'x';
    OK(fault_addr == page + 100, "the store faulted at its address, the handler restored write access");
    OK(page[100] == 'x', "the store then went through");
    OK(mprotect(page + 4096, 4096, PROT_NONE) == 0 && mprotect(page + 4096, 4096, PROT_READ) == 0, "PROT_NONE and back");
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[256], want[32];
    snprintf(want, sizeof want, "%lx-", (unsigned long)page);
    int found = 0;
    while (fgets(line, sizeof line, maps))
        if (strncmp(line, want, strlen(want)) == 0)
            found = strstr(line, " rw-p ") != NULL;
    fclose(maps);
    OK(found, "/proc/self/maps shows the first page rw-p on its own");
    OK(strcmp(page, "kept") == 0, "the bytes kept");
    errno = 0;
    OK(mprotect(page + 1, 4096, PROT_READ) == -1 && errno == EINVAL, "unaligned: EINVAL");
    munmap(page + 2 * 4096, 4096);
    errno = 0;
    OK(mprotect(page + 2 * 4096, 4096, PROT_READ) == -1 && errno == ENOMEM, "unmapped: ENOMEM");
    SHOW("page %p", (void *)page);
    return FIDELITY_END();
}
