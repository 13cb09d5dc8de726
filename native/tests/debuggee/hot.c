/*
 * hot.c: debuggee of bench/dap-vs-gdb and of the pause test for conditional runs: a hot loop of
 * argv[1] rounds (default 100000) that calls a small function (a breakpoint at HOT is hit once per
 * round), then twenty calls of a recursion six frames deep that stop at DEEP, with locals and a
 * struct pointer to show. Tests and the benchmark find lines by the markers.
 */
#include <stdio.h>
#include <stdlib.h>

struct acc {
    long sum;
    int last;
};

static int step(struct acc *a, int i)
{
    a->sum += i; /* HOT */
    a->last = i;
    return a->last;
}

static long deep(int depth, struct acc *a)
{
    int local = depth * 2;
    if (depth == 0) {
        return a->sum + local; /* DEEP */
    }
    return deep(depth - 1, a) + local;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 100000;
    struct acc a = {0, 0};
    for (int i = 0; i < rounds; i++) {
        step(&a, i);
    }
    long r = 0;
    for (int k = 0; k < 20; k++) {
        r += deep(5, &a);
    }
    printf("%ld %d %ld\n", a.sum, a.last, r);
    return 0;
}
