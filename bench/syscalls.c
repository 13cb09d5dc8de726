/* Benchmark (a): many small system calls. Makes N (default 100,000) getppid calls through
 * syscall(2), so none is cached or answered by the vDSO, and prints their sum so the loop stays. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    long sum = 0;
    for (long i = 0; i < n; i++)
        sum += syscall(SYS_getppid);
    printf("%ld getppid calls, sum %ld\n", n, sum);
    return 0;
}
