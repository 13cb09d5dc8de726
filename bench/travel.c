/* bench/time-travel's debuggee: N iterations of one getppid system call (through syscall(2), so
 * nothing is cached by libc or the vDSO); every K-th iteration (default 1000) calls mark(), the
 * function the benchmark's reverse-continue stops in; an optional third argument is a number of
 * MiB of memory filled once at the start (so snapshots have a resident set that changes little).
 * Built with -g -O0. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long marks;

__attribute__((noinline)) static void mark(long i) {
    marks += i; /* MARK */
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000; /* START */
    long k = argc > 2 ? atol(argv[2]) : 1000;
    long mb = argc > 3 ? atol(argv[3]) : 0; /* memory touched once at the start (bench/snapshots) */
    char *heap = mb > 0 ? malloc(mb << 20) : NULL;
    for (long b = 0; heap && b < (mb << 20); b += 4096)
        heap[b] = (char)(b >> 12 | 1);
    long sum = 0;
    for (long i = 0; i < n; i++) {
        sum += syscall(SYS_getppid);
        if (i % k == 0) /* BACK */
            mark(i);
    }
    printf("%ld calls, sum %ld, marks %ld\n", n, sum, marks);
    return 0;
}
