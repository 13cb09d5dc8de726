/*
 * inline_o2.c: debuggee of the motion tests, built with -O2 -g: gcc inlines scale() into main (a
 * DW_TAG_inlined_subroutine, no call), while twice() stays a real function whose calls return
 * into the middle of main's lines. Tests find lines by the markers in the comments.
 */
#include <stdio.h>
#include <stdlib.h>

volatile int sink;

__attribute__((noipa)) void record(int v)
{
    sink = v;                          /* RECORD_BODY */
}

__attribute__((noipa)) int twice(int v)
{
    return v * 2;                      /* TWICE_BODY */
}

static int scale(int v)
{
    int s = v * 3;                     /* SCALE_FIRST */
    record(s);                         /* SCALE_RECORD */
    return s + sink;                   /* SCALE_RETURN */
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 4;
    int total = 0;
    for (int i = 0; i < n; i++) {      /* MAIN_LOOP */
        total += scale(i + argc);      /* MAIN_INLINE_CALL */
        total += twice(i) + twice(total); /* MAIN_TWO_CALLS */
        record(total);                 /* MAIN_RECORD */
    }
    printf("total %d\n", total);       /* MAIN_PRINT */
    return 0;
}
