/* mem_stack_below_sp_kept: the memory below the stack pointer keeps what the program left there
 * across syscalls whose replay needs the agent's help: the replay maps shared files and System V
 * segments by injecting calls that take a path, and its data-breakpoint code reads signal actions,
 * through scratch memory below the red zone. Whatever the agent writes there must be put back, or
 * a later read of uninitialized stack (as C programs do by accident) sees different bytes in the
 * replay than in the recording. The program paints 20 KB below its stack pointer, makes those
 * syscalls, and counts the painted bytes still there: the count (which libc's own frames lower
 * by the same amount every run) must replay exactly. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#define AREA 20000
#define PAINT 0x5a

static __attribute__((noinline)) void paint(void)
{
    volatile unsigned char area[AREA];
    for (int i = 0; i < AREA; i++)
        area[i] = PAINT;
    (void)area;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" /* reading what paint() left is the point */
static __attribute__((noinline)) int painted_left(void)
{
    volatile unsigned char area[AREA]; /* left uninitialized on purpose: what paint() left */
    int n = 0;
    for (int i = 0; i < AREA; i++)
        n += area[i] == PAINT;
    return n;
}
#pragma GCC diagnostic pop

int main(void)
{
    char path[] = "/tmp/fid-stackkept-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 4096) == 0, "a one-page file");
    paint();
    void *file = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    void *seg = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
    int left = painted_left();
    OK(file != MAP_FAILED, "MAP_SHARED of a file");
    OK(seg != (void *)-1, "a System V segment attached");
    OK(left > AREA / 2, "most of the painted stack is still there");
    SHOW("painted bytes left below the stack pointer: %d", left);
    if (seg != (void *)-1)
        shmdt(seg);
    if (id >= 0)
        shmctl(id, IPC_RMID, NULL);
    munmap(file, 4096);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
