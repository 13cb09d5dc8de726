/* mem_mmap_shared_anon_child: MAP_SHARED|MAP_ANONYMOUS memory is shared with a forked child: the
 * child's store is seen by the parent after waitpid.
 */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    OK(shared != MAP_FAILED, "MAP_SHARED|MAP_ANONYMOUS");
    pid_t child = fork();
    if (child == 0) {
        *shared = getpid();
        _exit(0);
    }
    int status;
    OK(waitpid(child, &status, 0) == child, "waitpid");
    OK(*shared == child, "the child's store (its pid) is seen by the parent");
    /* a second child, told by a pipe when to store, while the parent waits in read */
    int go[2], done[2];
    pipe(go);
    pipe(done);
    shared[1] = 0;
    pid_t second = fork();
    if (second == 0) {
        char c;
        read(go[0], &c, 1);
        shared[1] = 4242;
        write(done[1], "d", 1);
        _exit(0);
    }
    write(go[1], "g", 1);
    char c;
    OK(read(done[0], &c, 1) == 1 && shared[1] == 4242, "a store made while the parent waits in read");
    OK(waitpid(second, &status, 0) == second, "waitpid the second");
    SHOW("child %d", (int)child);
    munmap((void *)shared, 4096);
    return FIDELITY_END();
}
