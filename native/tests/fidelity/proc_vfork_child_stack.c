/* proc_vfork_child_stack: a vfork child calls functions on the parent's stack and stores into the
 * parent's heap, globals and a MAP_SHARED anonymous page before exec; after vfork returns the
 * parent sees every store (the child's exec leaves the memory to the parent). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int global_word;

static __attribute__((noinline)) void fill(char *heap, int n)
{
    for (int i = 0; i < n; i++)
        heap[i] = (char)('a' + i % 26);
}

int main(void)
{
    char *heap = malloc(10000);
    int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    memset(heap, 0, 10000);
    pid_t p = vfork();
    if (p == 0) {
        fill(heap, 10000);
        global_word = 77;
        *shared = 1234;
        char *args[] = {"/bin/true", NULL};
        execv(args[0], args);
        _exit(127);
    }
    OK(heap[9999] == 'a' + 9999 % 26 && heap[0] == 'a', "the heap stores are seen");
    OK(global_word == 77, "the global store is seen");
    OK(*shared == 1234, "the shared-page store is seen");
    int st;
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0, "/bin/true ran");
    SHOW("child %d", p);
    return FIDELITY_END();
}
