/* ipc_sysv_shm_child: a System V segment shared with a forked child: the child inherits the
 * attach and stores into it, and also attaches the segment itself by id and stores there; the
 * parent sees both stores after waitpid. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    OK(id >= 0, "shmget");
    volatile int *seg = shmat(id, NULL, 0);
    OK(seg != (void *)-1, "shmat");
    pid_t child = fork();
    if (child == 0) {
        seg[0] = 11;
        volatile int *own = shmat(id, NULL, 0);
        if (own != (void *)-1)
            own[1] = getpid();
        _exit(0);
    }
    int status;
    OK(waitpid(child, &status, 0) == child && WIFEXITED(status), "waitpid");
    OK(seg[0] == 11, "the child's store through the inherited attach");
    OK(seg[1] == child, "the child's store through its own attach (its pid)");
    OK(shmdt((void *)seg) == 0 && shmctl(id, IPC_RMID, NULL) == 0, "shmdt, IPC_RMID");
    SHOW("child %d", (int)child);
    return FIDELITY_END();
}
