/*
 * motions.c: debuggee of the motion tests: a call that runs long (a loop of argv[1] rounds,
 * default 20000, without syscalls) and the same call running short, and a loop on one line, so
 * that the wire requests of a step can be compared whatever the number of instructions it runs.
 * Tests find lines by the markers in the comments.
 */
#include <stdio.h>
#include <stdlib.h>

volatile long acc;

__attribute__((noinline)) long work(long rounds)
{
    long sum = 0;                            /* WORK_FIRST */
    for (long i = 0; i < rounds; i++)
        sum += i ^ acc;                      /* WORK_BODY */
    return sum;                              /* WORK_RETURN */
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 20000;
    long a = work(3);                        /* MAIN_SHORT */
    long b = work(n);                        /* MAIN_LONG */
    long c = 0;                              /* MAIN_C */
    for (long i = 0; i < n; i++) c += i;     /* MAIN_ONE_LINE_LOOP */
    printf("%ld %ld %ld\n", a, b, c);        /* MAIN_PRINT */
    return 0;
}
