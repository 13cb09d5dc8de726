/* proc_vfork_write: a vfork child shares the parent's memory until it execs or exits: what it
 * stores before _exit is what the parent sees after vfork returns (documented as undefined by
 * POSIX but relied on by real programs), and the parent is suspended until then. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/wait.h>
#include <unistd.h>

static volatile int shared_word;

int main(void)
{
    shared_word = 1;
    pid_t p = vfork();
    if (p == 0) {
        shared_word = 2;
        _exit(4);
    }
    OK(shared_word == 2, "the vfork child's store is visible to the parent");
    int st;
    OK(waitpid(p, &st, 0) == p && WEXITSTATUS(st) == 4, "child status 4");
    p = vfork();
    if (p == 0) {
        char *args[] = {"/bin/true", NULL};
        shared_word = 3;
        execv(args[0], args);
        _exit(127);
    }
    OK(shared_word == 3, "store before exec visible too");
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0, "/bin/true ran");
    SHOW("child %d", p);
    return FIDELITY_END();
}
