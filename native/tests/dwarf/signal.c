/*
 * signal.c: a program for test_symbols: a signal handler, so that an unwind from it goes through
 * the kernel's signal frame (__restore_rt in libc) back to the interrupted code and main. Also
 * stops inside libc (write) and at a function's first instruction exercise the unwinder where the
 * frame is not set up yet.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

volatile sig_atomic_t got;

void on_signal(int sig)
{
    got = sig; /* BREAK handler */
}

__attribute__((noinline)) int twice(int v)
{
    return v * 2;
}

int main(void)
{
    signal(SIGUSR1, on_signal);
    raise(SIGUSR1);
    int r = twice(got);
    if (write(1, "done\n", 5) != 5)
        return 2;
    return r == 2 * SIGUSR1 ? 0 : 1;
}
