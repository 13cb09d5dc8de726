/* busy_ticker: prints "tick N" lines, computing for a while and sleeping a little between them,
 * COUNT times (argument; forever without one). For the tests that signal or kill rewind while it
 * records or replays: a program that is always somewhere between output, computation and sleep.
 * Child processes of its own ("helper" argument: a child that sleeps while the program ticks) are
 * the ones a signalled recording must not leave behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile unsigned long sink;

static void compute(unsigned long rounds)
{
    for (unsigned long i = 0; i < rounds; i++)
        sink += i * i;
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : -1;
    if (argc > 2 && !strcmp(argv[2], "helper")) {
        fflush(stdout);
        if (fork() == 0) {
            for (;;)
                sleep(1);
        }
    }
    struct timespec nap = {0, 5 * 1000 * 1000};
    for (long n = 0; count < 0 || n < count; n++) {
        printf("tick %ld\n", n);
        fflush(stdout);
        compute(5 * 1000 * 1000);
        nanosleep(&nap, NULL);
    }
    printf("busy_ticker: done\n");
    return 0;
}
