/* busy_ticker: prints "tick N" lines, computing for a while and sleeping a little between them,
 * COUNT times (argument; forever without one). For the tests that signal or kill rewind while it
 * records or replays: a program that is always somewhere between output, computation and sleep.
 * Options after COUNT: "helper" starts a child that sleeps while the program ticks (one a signalled
 * recording must not leave behind); "ignore-term" ignores SIGTERM. */
#include <signal.h>
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
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "helper")) {
            fflush(stdout);
            if (fork() == 0) {
                for (;;)
                    sleep(1);
            }
        } else if (!strcmp(argv[i], "ignore-term")) {
            signal(SIGTERM, SIG_IGN);
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
