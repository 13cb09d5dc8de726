/* sys_personality: personality(0xffffffff) reads the persona without changing it (PER_LINUX
 * here, as inherited: not the recorder's ADDR_NO_RANDOMIZE); setting ADDR_NO_RANDOMIZE returns
 * the old persona and reads back; a child inherits it; restoring works. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/personality.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int cur = personality(0xffffffff);
    char what[64];
    snprintf(what, sizeof what, "the persona is PER_LINUX: 0x%x as inherited", cur);
    OK(cur >= 0 && (cur & PER_MASK) == PER_LINUX, what);
    OK(personality(cur | ADDR_NO_RANDOMIZE) == cur, "set ADDR_NO_RANDOMIZE: returns the old one");
    OK(personality(0xffffffff) == (cur | ADDR_NO_RANDOMIZE), "read back");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0)
        _exit(personality(0xffffffff) & ADDR_NO_RANDOMIZE ? 0 : 1);
    int st;
    waitpid(p, &st, 0);
    OK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child inherits it");
    OK(personality(cur) == (cur | ADDR_NO_RANDOMIZE) && personality(0xffffffff) == cur, "restored");
    SHOW("child %d", p);
    return FIDELITY_END();
}
