/*
 * motions.c: the program of bench/motions. "interp" (the default): an interpreter-like loop of N
 * rounds (argv[2], default 10000) without a syscall, its BODY line run once per round, calling
 * op; "syscalls": the same loop with a getppid() per round (one recorded event per round). The
 * benchmark finds lines by their markers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long op(long acc, int i)
{
    long v = acc * 31 + i;          /* OP_FIRST */
    return v ^ (v >> 7);            /* OP_RETURN */
}

int main(int argc, char **argv)
{
    int syscalls = argc > 1 && strcmp(argv[1], "syscalls") == 0;
    int rounds = argc > 2 ? atoi(argv[2]) : 10000;
    long acc = 0;
    for (int i = 0; i < rounds; i++) {
        acc = op(acc, i);           /* BODY */
        if (syscalls)               /* AFTER */
            acc += getppid() & 1;
    }
    printf("%ld\n", acc);
    return 0;
}
