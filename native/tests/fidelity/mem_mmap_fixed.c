/* mem_mmap_fixed: MAP_FIXED replaces part of an existing mapping at exactly that address (the rest
 * stays), MAP_FIXED_NOREPLACE over a mapping is EEXIST, at a free address it maps there; MAP_FIXED
 * at an unaligned address EINVAL; a hint without MAP_FIXED is only a hint. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    char *base = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(base != MAP_FAILED, "map 4 pages");
    memset(base, 'a', 4 * 4096);
    char *f = mmap(base + 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    OK(f == base + 4096, "MAP_FIXED maps at exactly the address");
    OK(f[0] == 0 && base[0] == 'a' && base[2 * 4096] == 'a', "the replaced page is new, the rest stays");
    errno = 0;
    OK(mmap(base, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED && errno == EEXIST,
       "MAP_FIXED_NOREPLACE over a mapping: EEXIST");
    munmap(base + 3 * 4096, 4096);
    char *n = mmap(base + 3 * 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    OK(n == base + 3 * 4096, "MAP_FIXED_NOREPLACE at a free address maps there");
    errno = 0;
    OK(mmap(base + 1, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED && errno == EINVAL,
       "MAP_FIXED unaligned: EINVAL");
    char *h = mmap(base, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(h != MAP_FAILED && h != base, "a hint on a used address is moved elsewhere");
    OK(base[0] == 'a', "the original page is untouched");
    SHOW("base %p", (void *)base);
    munmap(h, 4096);
    munmap(base, 4 * 4096);
    return FIDELITY_END();
}
