/*
 * watch_bisect.c: debuggee of WatchBisectionTest: loops with no syscall inside (each one event)
 * whose watched local `v` changes in ways a search that cuts the loop into stretches must not
 * miss: several stores per iteration, a store in a callee through a pointer, and a value that
 * goes 7 → 8 → 7 within one iteration (equal at both ends of every stretch around it).
 * argv[1] is the iteration count (default 200). Tests find lines by the markers.
 */
#include <stdlib.h>

static volatile int sink;

static void bump(int *p, int by)
{
    *p += by;                                     /* BUMP_STORE */
}

static int several(int n)
{
    int v = 0;                                    /* SEVERAL_FIRST */
    for (int i = 0; i < n; i++) {
        v += 1;
        v ^= i;
        v -= 2;
    }
    return v;                                     /* SEVERAL_RETURN */
}

static int through_pointer(int n)
{
    int v = 0;                                    /* POINTER_FIRST */
    for (int i = 0; i < n; i++) {
        if (i % 4 == 1)
            bump(&v, i);
        sink = i;
    }
    return v;                                     /* POINTER_RETURN */
}

static int back_and_forth(int n)
{
    int v = 7;                                    /* FLIP_FIRST */
    for (int i = 0; i < n; i++) {
        sink = i;
        if (i % 50 == 10) {
            v = 8;
            v = 7;
        }
    }
    return v;                                     /* FLIP_RETURN */
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200;
    int a = several(n);
    int b = through_pointer(n);
    int c = back_and_forth(n);
    return (a + b + c) & 1;                       /* MAIN_RETURN */
}
