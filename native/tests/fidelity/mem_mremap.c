/* mem_mremap: mremap grows in place or moves (MREMAP_MAYMOVE) keeping the bytes, shrinks, moves to
 * a fixed address (MREMAP_FIXED), MREMAP_DONTUNMAP leaves the old range mapped and empty; growing
 * without MAYMOVE into a used range is ENOMEM; bad flags EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

int main(void)
{
    size_t pg = 4096;
    unsigned char *a = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char r[64];
    getrandom(r, sizeof r, 0);
    memcpy(a + pg, r, sizeof r);
    unsigned char *blocker = a + 2 * pg;
    OK(a != MAP_FAILED && mprotect(blocker, pg, PROT_READ) == 0, "two pages and a read-only blocker right after");
    errno = 0;
    OK(mremap(a, 2 * pg, 8 * pg, 0) == MAP_FAILED && errno == ENOMEM, "grow in place into a used range: ENOMEM");
    unsigned char *b = mremap(a, 2 * pg, 8 * pg, MREMAP_MAYMOVE);
    OK(b != MAP_FAILED && b != a, "MREMAP_MAYMOVE moves");
    OK(memcmp(b + pg, r, sizeof r) == 0 && b[7 * pg] == 0, "the bytes moved, the new part is zero");
    OK(mremap(b, 8 * pg, 4 * pg, 0) == b, "shrink in place");
    unsigned char *target = mmap(NULL, 4 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char *c = mremap(b, 4 * pg, 4 * pg, MREMAP_MAYMOVE | MREMAP_FIXED, target);
    OK(c == target && memcmp(c + pg, r, sizeof r) == 0, "MREMAP_FIXED moves to the target with the bytes");
    unsigned char *d = mremap(c, 4 * pg, 4 * pg, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
    OK(d == MAP_FAILED ? errno == EINVAL : d != c && memcmp(d + pg, r, sizeof r) == 0,
       "MREMAP_DONTUNMAP moves the bytes (or EINVAL where the kernel refuses it)");
    OK(d == MAP_FAILED || c[pg] == 0, "the old range stays mapped, empty");
    if (d == MAP_FAILED)
        d = c;
    errno = 0;
    OK(mremap(d, 4 * pg, 4 * pg, 0x80) == MAP_FAILED && errno == EINVAL, "bad flags: EINVAL");
    SHOW("moved to %p, random %02x%02x", (void *)d, d[pg], d[pg + 1]);
    munmap(d, 4 * pg);
    if (d != c)
        munmap(c, 4 * pg);
    munmap(blocker, pg);
    return FIDELITY_END();
}
