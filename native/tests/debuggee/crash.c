/*
 * crash.c: debuggee of the DAP tests: prints, then writes through a null pointer (SIGSEGV).
 */
#include <stdio.h>

int *volatile nowhere = 0;

static void crash(int value)
{
    *nowhere = value; /* CRASH_LINE */
}

int main(void)
{
    printf("about to crash\n");
    fflush(stdout);
    crash(7); /* CRASH_CALL */
    return 0;
}
