/*
 * fact.c: debuggee of the DAP tests: recursion, so that stepping must tell frames of the same
 * function apart. Tests find lines by the markers in the comments.
 */
#include <stdio.h>

int fact(int n)
{
    if (n <= 1)                /* FACT_BASE */
        return 1;
    int r = n * fact(n - 1);   /* FACT_RECURSE */
    return r;                  /* FACT_RETURN */
}

int main(void)
{
    int f = fact(4);           /* MAIN_CALL */
    printf("%d\n", f);         /* MAIN_PRINT */
    return 0;
}
