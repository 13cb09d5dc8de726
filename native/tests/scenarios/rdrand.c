/* rdrand: random numbers from the CPU itself, the rdrand and rdseed instructions (no syscall, and
 * not trappable like rdtsc); libstdc++'s std::random_device and some crypto libraries use them.
 * A replay that re-executes them prints new numbers: the recorder must make them reproducible, or
 * replay must at least stop with a divergence instead of printing something else. */
#include <cpuid.h>
#include <stdint.h>
#include <stdio.h>

static int rdrand64(uint64_t *v) {
    unsigned char ok;
    __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
    return ok;
}

static int rdseed64(uint64_t *v) {
    unsigned char ok;
    __asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
    return ok;
}

int main(void) {
    unsigned a, b, c, d;
    __cpuid(1, a, b, c, d);
    int has_rdrand = (c >> 30) & 1;
    __cpuid_count(7, 0, a, b, c, d);
    int has_rdseed = (b >> 18) & 1;
    printf("cpu has rdrand %d rdseed %d\n", has_rdrand, has_rdseed);
    uint64_t v = 0;
    for (int i = 0; has_rdrand && i < 3; i++) {
        int tries = 0;
        while (!rdrand64(&v) && ++tries < 100)
            ;
        printf("rdrand %016llx\n", (unsigned long long)v);
    }
    for (int i = 0; has_rdseed && i < 2; i++) {
        int tries = 0;
        while (!rdseed64(&v) && ++tries < 1000)
            ;
        printf("rdseed %016llx\n", (unsigned long long)v);
    }
    return 0;
}
