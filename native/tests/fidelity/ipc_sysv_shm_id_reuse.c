/* ipc_sysv_shm_id_reuse: a System V segment is removed (IPC_RMID, once detached) and the kernel
 * gives its id to a new segment (in an IPC namespace of the program's own, through
 * kernel.shm_next_id): the new segment starts zeroed, not with the old one's bytes. A segment
 * removed while attached stays attachable by its id until its last detach (Linux). Without a
 * namespace of its own (no privilege) the id is not reused and the same checks hold. */
#define _GNU_SOURCE
#include "fidelity.h"
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

/* Asks the kernel to give id to the next segment: whether it could. */
static int next_id_is(int id)
{
    int fd = open("/proc/sys/kernel/shm_next_id", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char text[32];
    int n = snprintf(text, sizeof text, "%d", id);
    int ok = write(fd, text, (size_t)n) == n;
    close(fd);
    return ok;
}

int main(void)
{
    int own_ns = unshare(CLONE_NEWIPC) == 0;
    int first = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    OK(first >= 0, "a segment made");
    char *old = shmat(first, NULL, 0);
    OK(old != (void *)-1, "attached");
    strcpy(old, "old segment");
    OK(shmctl(first, IPC_RMID, NULL) == 0, "removed while attached");
    char *again = shmat(first, NULL, 0);
    OK(again != (void *)-1 && strcmp(again, "old segment") == 0,
       "attached again by its id until its last detach");
    OK(shmdt(again) == 0 && shmdt(old) == 0, "detached: the segment is gone");
    int reuse = own_ns && next_id_is(first);
    int second = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    OK(second >= 0, "another segment made");
    OK(!reuse || second == first, "it has the removed one's id where it was asked to");
    char *fresh = shmat(second, NULL, 0);
    OK(fresh != (void *)-1, "the new one attached");
    OK(fresh[0] == 0 && fresh[4095] == 0, "the new segment starts zeroed");
    strcpy(fresh, "new segment");
    OK(shmdt(fresh) == 0, "the new one detached");
    fresh = shmat(second, NULL, SHM_RDONLY);
    OK(fresh != (void *)-1 && strcmp(fresh, "new segment") == 0, "attached again: its own bytes");
    OK(shmdt(fresh) == 0 && shmctl(second, IPC_RMID, NULL) == 0, "the new one removed");
    return FIDELITY_END();
}
