/*
 * recurse.c: a program for test_symbols: a recursive function, so that an unwind from its base
 * case shows one frame per level with that level's argument, then main.
 */
#include <stdio.h>

volatile int sink;
int depth_reached = -1;

__attribute__((noinline)) int fact(int n)
{
    if (n <= 1) {
        depth_reached = n; /* BREAK fact_base */
        return 1;
    }
    int r = fact(n - 1);
    sink = r; /* keeps the call from becoming a loop at -O2 */
    return n * r;
}

int main(void)
{
    int v = fact(5);
    printf("%d %d\n", v, depth_reached);
    return v == 120 ? 0 : 1;
}
