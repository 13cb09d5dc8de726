/* vfork_child_mmaps: a vfork child maps memory (changing the parent's mappings, which it shares)
 * before it exits. Rewind cannot record that: the recording stops at the vfork, saying so. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    printf("before: vfork\n");
    fflush(stdout);
    pid_t p = vfork();
    if (p == 0) {
        void *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        _exit(m == MAP_FAILED ? 1 : 0);
    }
    int st;
    waitpid(p, &st, 0);
    printf("after: child status %d\n", WEXITSTATUS(st));
    return 0;
}
