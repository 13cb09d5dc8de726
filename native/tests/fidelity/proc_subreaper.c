/* proc_subreaper: with PR_SET_CHILD_SUBREAPER, an orphaned grandchild (its parent exited) is
 * reparented to us: its getppid becomes our pid and we wait for it; PR_GET_CHILD_SUBREAPER
 * reads 1. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    OK(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0, "PR_SET_CHILD_SUBREAPER");
    int reaper = 0;
    OK(prctl(PR_GET_CHILD_SUBREAPER, &reaper) == 0 && reaper == 1, "read back 1");
    int go[2], report[2];
    pipe(go);
    pipe(report);
    fflush(stdout);
    pid_t middle = fork();
    if (middle == 0) {
        pid_t g = fork();
        if (g == 0) {
            char c;
            read(go[0], &c, 1); /* until the middle one is gone */
            pid_t pp = getppid();
            write(report[1], &pp, sizeof pp);
            _exit(8);
        }
        write(report[1], &g, sizeof g);
        _exit(0);
    }
    pid_t grandchild = 0, parent_seen = 0;
    OK(read(report[0], &grandchild, sizeof grandchild) == sizeof grandchild, "the grandchild's pid");
    int st;
    OK(waitpid(middle, &st, 0) == middle, "the middle child exited");
    write(go[1], "g", 1);
    OK(read(report[0], &parent_seen, sizeof parent_seen) == sizeof parent_seen && parent_seen == getpid(),
       "the orphan's parent is now us");
    OK(waitpid(grandchild, &st, 0) == grandchild && WEXITSTATUS(st) == 8, "we collect it");
    SHOW("middle %d grandchild %d", middle, grandchild);
    return FIDELITY_END();
}
