/*
 * watch.c: debuggee of the data breakpoint tests: a global changed in a loop (not at every
 * iteration: adding 0 changes nothing), a member of main's static struct changed through a pointer
 * in another function, and a buffer the kernel fills (read() from a pipe). (Static, not on the
 * stack: a watched stack page is written all the time by the dynamic loader before main, and
 * every such store costs a fault; that is measured, not tested.) Tests find lines by the markers.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int counter;

struct point {
    int x, y;
};

static void bump(int *p, int by)
{
    *p += by;                                /* BUMP_STORE */
}

int main(void)
{
    static struct point pt;
    static char buf[16];
    pt.x = 0;                                /* MAIN_FIRST */
    memset(buf, 0, sizeof buf);
    for (int i = 0; i < 5; i++) {            /* LOOP_HEAD */
        counter += i;                        /* COUNTER_ADD */
        if (i % 2 == 0)
            bump(&pt.y, i + 1);              /* CALL_BUMP */
        printf("i=%d counter=%d y=%d\n", i, counter, pt.y);
        fflush(stdout);
    }
    int fds[2];
    if (pipe(fds) == 0 && write(fds[1], "hello", 5) == 5)
        (void)!read(fds[0], buf, sizeof buf); /* READ_CALL */
    printf("buf=%s\n", buf);                 /* AFTER_READ */
    return counter + pt.y;                   /* MAIN_RETURN */
}
