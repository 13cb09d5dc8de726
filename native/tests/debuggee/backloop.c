/*
 * backloop.c: debuggee of BackwardMotionTest: a loop of 1000 rounds without syscalls (its two
 * body lines run once per round), then a function that jumps back to its own first line with a
 * goto twice before it returns. Tests find lines by the markers in the comments below.
 */
#include <stdio.h>

static int countdown(int n)
{
top:
    n--;                                 /* GOTO_FIRST */
    if (n > 0) goto top;                 /* GOTO_TEST */
    return n;                            /* GOTO_RETURN */
}

int main(void)
{
    long sum = 0;
    for (int i = 0; i < 1000; i++) {     /* LOOP_HEAD */
        sum += i * 3;                    /* LOOP_BODY */
        sum ^= i;                        /* LOOP_MIX */
    }
    int left = countdown(3);             /* AFTER_LOOP */
    printf("%ld %d\n", sum, left);       /* PRINT */
    return 0;
}
