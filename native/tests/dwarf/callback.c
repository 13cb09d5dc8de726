/*
 * callback.c: a program for test_symbols: qsort calls back into the program, so that an unwind
 * from the comparison function goes through libc frames without debug information back to main.
 * Also an always_inline function, inlined into its caller even at -O0.
 */
#include <stdio.h>
#include <stdlib.h>

struct item {
    int key;
    const char *label;
};

int compare_calls;

int compare_items(const void *pa, const void *pb)
{
    const struct item *a = pa, *b = pb;
    compare_calls++;
    int diff = a->key - b->key; /* BREAK compare */
    return diff;
}

/* BETWEEN: no function has code on this line */

static inline __attribute__((always_inline)) int clamp_add(int a, int b)
{
    int sum = a + b;
    if (sum > 100) /* BREAK inline_body */
        sum = 100;
    return sum;
}

volatile int sink;

int main(int argc, char **argv)
{
    struct item items[6] = {{5, "five"}, {3, "three"}, {9, "nine"},
                            {1, "one"},  {7, "seven"}, {2, "two"}};
    /* MOVED: no code on this line, a breakpoint here goes to the next */
    qsort(items, 6, sizeof items[0], compare_items);
    int total = 0;
    for (int i = 0; i < 6; i++)
        total = clamp_add(total, items[i].key * (argc + 4));
    sink = total;
    printf("%d %d %s\n", total, compare_calls, items[0].label);
    return argv[0] ? 0 : 1;
}
