/* heavy_malloc: the address-space syscalls through malloc and directly: many small allocations
 * (brk), big ones (mmap), frees (munmap, brk shrink), realloc growth (mremap), mmap/mprotect/
 * munmap/madvise by hand. Replay runs these for real at the recorded addresses; the printed
 * addresses and checksums of random-filled memory must match. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

static uint64_t sum_of(const unsigned char *p, size_t n) {
    uint64_t s = 0;
    for (size_t i = 0; i < n; i += 61)
        s = s * 31 + p[i];
    return s;
}

int main(void) {
    unsigned seed;
    getrandom(&seed, sizeof seed, 0);
    srand(seed);
    void *brk0 = sbrk(0);
    char *small[2000];
    uint64_t s = 0;
    for (int i = 0; i < 2000; i++) {
        size_t n = 16 + rand() % 500;
        small[i] = malloc(n);
        memset(small[i], rand(), n);
        s += sum_of((unsigned char *)small[i], n);
    }
    for (int i = 0; i < 2000; i += 2)
        free(small[i]);
    printf("seed %u small checksum %016llx brk grew %ld\n", seed, (unsigned long long)s,
           (long)((char *)sbrk(0) - (char *)brk0));
    unsigned char *big[6];
    for (int i = 0; i < 6; i++) {
        size_t n = (size_t)(1 + i) << 20;
        big[i] = malloc(n);
        getrandom(big[i], 4096, 0);
        memset(big[i] + 4096, i, n - 4096);
        printf("big[%d] %zu bytes at %p sum %016llx\n", i, n, (void *)big[i],
               (unsigned long long)sum_of(big[i], n));
    }
    for (int i = 0; i < 6; i += 2)
        free(big[i]);
    char *g = malloc(1000);
    for (size_t n = 1000; n < (32u << 20); n *= 2) {
        g = realloc(g, n * 2);
        g[n * 2 - 1] = (char)n;
    }
    printf("realloc grew to %p last byte %d\n", (void *)g, g[(32u << 20) - 1]);
    free(g);
    char *m = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(m, 7, 8 << 20);
    madvise(m + (4 << 20), 1 << 20, MADV_DONTNEED);
    char *m2 = mremap(m, 8 << 20, 16 << 20, MREMAP_MAYMOVE);
    if (m2 == MAP_FAILED)
        return 1;
    mprotect(m2 + 4096, 4096, PROT_READ);
    printf("mmap %p mremap %p byte %d zeroed %d\n", (void *)m, (void *)m2, m2[100], m2[4 << 20]);
    munmap(m2 + (8 << 20), 8 << 20);
    munmap(m2, 8 << 20);
    printf("brk now %ld above start\n", (long)((char *)sbrk(0) - (char *)brk0));
    return 0;
}
