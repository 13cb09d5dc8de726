/*
 * inlined.c: debuggee of the DAP tests: a function that the compiler inlines into main (always,
 * even at -O0), so the stack shows a virtual frame for the inlined call above main's own frame.
 */
#include <stdio.h>

static inline __attribute__((always_inline)) int scale(int value, int factor)
{
    int scaled = value * factor; /* INLINED_BODY */
    return scaled + 1;
}

int main(int argc, char **argv)
{
    (void) argv;
    int result = scale(argc + 20, 3); /* INLINED_CALL */
    printf("result %d\n", result);
    return 0;
}
