/*
 * travel.c: debuggee of the time-travel tests: a loop that calls a function and prints (so its
 * iterations lie between different events), and a recursive function. Tests find lines by the
 * markers in the comments.
 */
#include <stdio.h>

int square(int v)
{
    int s = v * v;                           /* SQUARE_FIRST */
    return s;                                /* SQUARE_RETURN */
}

int sum_to(int n)
{
    if (n == 0)                              /* SUM_BASE */
        return 0;
    int rest = sum_to(n - 1);                /* SUM_RECURSE */
    return n + rest;                         /* SUM_RETURN */
}

int main(void)
{
    int total = 0;                           /* MAIN_FIRST */
    for (int i = 0; i < 4; i++) {            /* LOOP_HEAD */
        int sq = square(i);                  /* LOOP_CALL */
        total += sq;                         /* LOOP_ADD */
        printf("i=%d total=%d\n", i, total); /* LOOP_PRINT */
        fflush(stdout);
    }
    int s = sum_to(3);                       /* MAIN_SUM */
    printf("sum=%d\n", s);                   /* MAIN_PRINT */
    return 0;
}
