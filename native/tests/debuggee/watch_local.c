/*
 * watch_local.c: debuggee of the watched-local tests and measurements: spin() writes its local
 * `acc` in a loop (not at every iteration: i % 3 == 2 leaves it alone), its counter `i` and
 * others sharing the stack page all the time; once with no syscall in the loop (one event for
 * the whole loop) and once with a getppid() per iteration. argv[1] is the iteration count
 * (default 300). Tests find lines by the markers.
 */
#include <stdlib.h>
#include <unistd.h>

static volatile int sink;

static int spin(int n, int with_syscalls)
{
    int acc = 0;                                  /* SPIN_FIRST */
    for (int i = 0; i < n; i++) {
        if (i % 3 != 2)
            acc += i;                             /* ACC_ADD */
        if (with_syscalls)
            sink += getppid() & 1;                /* SYSCALL */
    }
    return acc;                                   /* SPIN_RETURN */
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 300;
    int a = spin(n, 0);                           /* CALL_QUIET */
    int b = spin(n, 1);                           /* CALL_SYSCALLS */
    return (a + b) & 1;                           /* MAIN_RETURN */
}
