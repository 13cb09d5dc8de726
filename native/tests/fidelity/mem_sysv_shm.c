/* mem_sysv_shm: System V shared memory in one process: shmget IPC_PRIVATE, shmctl IPC_STAT fills
 * struct shmid_ds (size, no attaches, our pid as creator), shmat maps it (a new segment reads as
 * zeros, a store sticks, shmdt detaches) or answers ENOSYS: Rewind refuses shmat while recording
 * (the replay cannot attach a segment yet: fidelity-pending/mem_sysv_shm); IPC_RMID; shmat of a
 * removed id EINVAL (or ENOSYS); shmget of a huge size EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

/* 1 when the segment attaches, reads as zeros, keeps a store and detaches; or shmat says ENOSYS. */
static int attach_roundtrip(int id)
{
    unsigned char *a = shmat(id, NULL, 0);
    if (a == (void *)-1)
        return errno == ENOSYS;
    int ok = a[0] == 0 && a[8191] == 0;
    a[4000] = 0x5a;
    ok &= a[4000] == 0x5a;
    return ok && shmdt(a) == 0;
}

int main(void)
{
    int id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
    OK(id >= 0, "shmget IPC_PRIVATE 8 KiB");
    struct shmid_ds ds;
    memset(&ds, 0, sizeof ds);
    OK(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT");
    OK(ds.shm_segsz == 8192 && ds.shm_nattch == 0 && ds.shm_cpid == getpid(), "size 8192, no attaches, our pid");
    OK(attach_roundtrip(id), "shmat: zeros, a store sticks, shmdt (or ENOSYS)");
    OK(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID");
    errno = 0;
    OK(shmat(id, NULL, 0) == (void *)-1 && (errno == EINVAL || errno == EIDRM || errno == ENOSYS),
       "shmat a removed id: EINVAL (or ENOSYS)");
    errno = 0;
    OK(shmget(IPC_PRIVATE, (size_t)1 << 62, IPC_CREAT | 0600) == -1 && (errno == EINVAL || errno == ENOMEM),
       "a huge segment: EINVAL");
    SHOW("id %d creator %d", id, (int)ds.shm_cpid);
    return FIDELITY_END();
}
