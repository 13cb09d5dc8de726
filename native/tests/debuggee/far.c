/*
 * far.c: debuggee of the parallel backward search: a function called a few times near the start
 * (its argument tells the calls apart), then a long stretch of syscalls that never calls it, then
 * the end. A reverse-continue from the end to a breakpoint in it has many empty segments to cross.
 */
#include <stdio.h>
#include <unistd.h>

int seen;

void early(int n)
{
    seen += n;                               /* FAR_EARLY */
}

int main(void)
{
    for (int n = 1; n <= 3; n++)
        early(n);
    for (int i = 0; i < 400; i++)            /* FAR_LOOP */
        getppid();
    printf("seen=%d\n", seen);               /* FAR_END */
    return 0;
}
