/* mem_madvise_free: after MADV_FREE the kernel may drop the pages at any later moment or keep them:
 * a load reads the old bytes or zeros (each page one or the other), a store makes the page the
 * program's again; MADV_FREE on a shared mapping is EINVAL. Which pages were dropped (shown) is
 * what the replay must reproduce. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    enum { PAGES = 8 };
    unsigned char *p = mmap(NULL, PAGES * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(p, 0x5a, PAGES * pg);
    OK(madvise(p, PAGES * pg, MADV_FREE) == 0, "MADV_FREE of 8 pages");
    int each_whole = 1;
    char seen[PAGES + 1];
    for (int i = 0; i < PAGES; i++) {
        unsigned char first = p[i * pg];
        for (long j = 0; j < pg; j++)
            if (p[i * pg + j] != first)
                each_whole = 0;
        if (first != 0 && first != 0x5a)
            each_whole = 0;
        seen[i] = first ? 'k' : 'z';
    }
    seen[PAGES] = 0;
    OK(each_whole, "each page reads all old bytes or all zeros");
    p[3 * pg] = 9;
    OK(p[3 * pg] == 9, "a store after MADV_FREE keeps");
    OK(madvise(p, PAGES * pg, MADV_PAGEOUT) == 0 || errno == EINVAL, "MADV_PAGEOUT");
    OK(p[3 * pg] == 9, "the stored page stays the program's");
    unsigned char *s = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    errno = 0;
    OK(madvise(s, pg, MADV_FREE) == -1 && errno == EINVAL, "MADV_FREE of shared memory: EINVAL");
    SHOW("pages kept (k) or zeroed (z): %s", seen);
    return FIDELITY_END();
}
