/* Benchmark (b): a compute-bound loop with no system calls at all (an xorshift/LCG mix over N
 * iterations), printing its result once at the end. Recording it should cost almost nothing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 900000000L;
    uint64_t x = 88172645463325252ULL;
    for (long i = 0; i < n; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        x ^= x >> 29;
    }
    printf("%ld iterations, result %016llx\n", n, (unsigned long long)x);
    return 0;
}
