/* rdtsc: the time-stamp counter read by the rdtsc and rdtscp instructions (no syscall at all).
 * A recorder traps them (PR_SET_TSC, PR_TSC_SIGSEGV) and records the values; replay must give the
 * recorded values back, including rdtscp's TSC_AUX (the cpu number) in ecx. */
#include <stdint.h>
#include <stdio.h>
#include <x86intrin.h>

int main(void) {
    uint64_t a = __rdtsc();
    uint64_t b = __rdtsc();
    unsigned aux = 0xdeadbeef;
    uint64_t c = __rdtscp(&aux);
    printf("rdtsc a=%llu\n", (unsigned long long)a);
    printf("rdtsc b=%llu (b>=a: %d)\n", (unsigned long long)b, b >= a);
    printf("rdtscp c=%llu aux=%u\n", (unsigned long long)c, aux);
    /* raw inline asm too, in case the compiler intrinsics differ */
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    printf("asm rdtsc %llu\n", ((unsigned long long)hi << 32) | lo);
    uint64_t sum = 0;
    for (int i = 0; i < 100; i++)
        sum += __rdtsc() % 997;
    printf("sum of 100 rdtsc mod 997: %llu\n", (unsigned long long)sum);
    return 0;
}
