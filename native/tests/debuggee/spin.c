/*
 * spin.c: debuggee of the DAP tests: seconds of pure computation (no syscalls), so that a replay
 * running through it can be paused.
 */
#include <stdio.h>

int main(void)
{
    volatile unsigned long sum = 0;
    for (unsigned long i = 0; i < 1500000000UL; i++) { /* SPIN_LOOP */
        sum += i;
    }
    printf("%lu\n", sum);
    return 0;
}
