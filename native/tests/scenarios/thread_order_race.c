/* thread_order_race: an order violation that a fair schedule hides. The builder thread fills a
 * table, then says so; the user thread, started after it, does as much work and then uses the
 * table without waiting for the builder's word. Round-robin at every syscall keeps the builder
 * ahead (it started first), so the user always finds the table done; a schedule that favours the
 * user (rewind record --chaos) shows the bug. Prints "table complete" or "RACE: table used early". */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define STEPS 200

static volatile int table[STEPS];
static volatile int built;  /* set by the builder when table is full */
static volatile int seen;   /* what the user found: how many entries were filled */

static void step(void)
{
    syscall(SYS_getppid); /* some work with a syscall in it (a log line, a read...) */
}

static void *builder(void *arg)
{
    for (int i = 0; i < STEPS; i++) {
        step();
        table[i] = i + 1;
    }
    built = 1;
    return NULL;
}

static void *user(void *arg)
{
    for (int i = 0; i < STEPS; i++)
        step();
    int n = 0; /* the bug: no wait for `built` */
    while (n < STEPS && table[n])
        n++;
    seen = n;
    return NULL;
}

int main(void)
{
    pthread_t b, u;
    if (pthread_create(&b, NULL, builder, NULL) || pthread_create(&u, NULL, user, NULL))
        return 2;
    pthread_join(u, NULL);
    pthread_join(b, NULL);
    if (seen == STEPS)
        printf("table complete\n");
    else
        printf("RACE: table used early (%d of %d entries)\n", seen, STEPS);
    return 0;
}
