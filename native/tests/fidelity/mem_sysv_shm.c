/* mem_sysv_shm: System V shared memory in one process: shmget IPC_PRIVATE, shmat twice (two
 * addresses, one segment: a store through one is seen through the other), shmctl IPC_STAT fills
 * struct shmid_ds (size, attach count 2, our pid as creator), SHM_RDONLY attach faults on a store
 * (in a child), shmdt, IPC_RMID; shmat of a removed id EINVAL; shmget of a huge size EINVAL.
 */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/ipc.h>
#include <sys/random.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
    OK(id >= 0, "shmget IPC_PRIVATE 8 KiB");
    unsigned char *a = shmat(id, NULL, 0), *b = shmat(id, NULL, 0);
    OK(a != (void *)-1 && b != (void *)-1 && a != b, "attached twice at two addresses");
    OK(a[0] == 0 && a[8191] == 0, "a new segment reads as zeros");
    unsigned char r[16];
    getrandom(r, sizeof r, 0);
    memcpy(a + 4000, r, sizeof r);
    OK(memcmp(b + 4000, r, sizeof r) == 0, "a store through one is seen through the other");
    struct shmid_ds ds;
    memset(&ds, 0, sizeof ds);
    OK(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT");
    OK(ds.shm_segsz == 8192 && ds.shm_nattch == 2 && ds.shm_cpid == getpid(), "size 8192, 2 attaches, our pid");
    volatile unsigned char *ro = shmat(id, NULL, SHM_RDONLY);
    OK(ro != (void *)-1 && ro[4000] == r[0], "SHM_RDONLY attach reads");
    pid_t child = fork();
    if (child == 0) {
        ro[0] = 1;
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    OK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "a store through it faults (in a child)");
    OK(shmdt(b) == 0 && shmdt((void *)ro) == 0, "shmdt two");
    OK(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID");
    OK(a[4000] == r[0], "still attached once: the bytes stay");
    OK(shmdt(a) == 0, "shmdt the last");
    errno = 0;
    OK(shmat(id, NULL, 0) == (void *)-1 && (errno == EINVAL || errno == EIDRM), "shmat a removed id: EINVAL");
    errno = 0;
    OK(shmget(IPC_PRIVATE, (size_t)1 << 62, IPC_CREAT | 0600) == -1 && (errno == EINVAL || errno == ENOMEM),
       "shmget of a huge size: EINVAL");
    SHOW("id %d creator %d random %02x%02x", id, (int)ds.shm_cpid, r[0], r[1]);
    return FIDELITY_END();
}
