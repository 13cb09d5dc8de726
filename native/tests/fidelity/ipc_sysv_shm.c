/* ipc_sysv_shm: System V shared memory: shmget makes a segment, IPC_STAT reports its size, no
 * attaches and our pid as creator; shmat answers with an address (natively) or ENOSYS (Rewind
 * refuses it while recording: fidelity-pending/ipc_sysv_shm); shmdt of an address that is no
 * segment is EINVAL; IPC_RMID removes it. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

int main(void)
{
    int id = shmget(IPC_PRIVATE, 3 * 4096, IPC_CREAT | 0600);
    OK(id >= 0, "shmget 12 KiB");
    struct shmid_ds ds;
    OK(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_segsz == 3 * 4096 && ds.shm_nattch == 0 &&
       ds.shm_cpid == getpid(),
       "IPC_STAT: size, no attach, created by us");
    SHOW("segment %d ctime %ld", id, (long)ds.shm_ctime);
    char *a = shmat(id, NULL, 0);
    int attached = a != (void *)-1;
    OK(attached || errno == ENOSYS, "shmat answered: an address or ENOSYS");
    if (attached) {
        a[0] = 1;
        shmdt(a);
    }
    errno = 0;
    OK(shmdt(&ds) == -1 && errno == EINVAL, "shmdt of no segment: EINVAL");
    OK(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID");
    errno = 0;
    OK(shmctl(id, IPC_STAT, &ds) == -1 && (errno == EINVAL || errno == EIDRM), "removed: EINVAL");
    return FIDELITY_END();
}
