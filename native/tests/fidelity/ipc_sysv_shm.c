/* ipc_sysv_shm: a System V shared memory segment: shmget, shmat (the kernel picks the address),
 * the memory starts zeroed, our stores read back; IPC_STAT shm_segsz, shm_nattch 1, shm_cpid us;
 * a second attach sees the first's stores; shmdt; IPC_RMID. (Only this process touches it.) */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

int main(void)
{
    int id = shmget(IPC_PRIVATE, 3 * 4096, IPC_CREAT | 0600);
    OK(id >= 0, "shmget 12 KiB");
    char *a = shmat(id, NULL, 0);
    OK(a != (void *)-1, "shmat");
    int zero = 1;
    for (int i = 0; i < 3 * 4096; i++)
        if (a[i])
            zero = 0;
    OK(zero, "starts zeroed");
    strcpy(a + 5000, "shared words");
    struct shmid_ds ds;
    OK(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_segsz == 3 * 4096 && ds.shm_nattch == 1 &&
       ds.shm_cpid == getpid(),
       "IPC_STAT: size, one attach, created by us");
    char *b = shmat(id, NULL, SHM_RDONLY);
    OK(b != (void *)-1 && b != a && strcmp(b + 5000, "shared words") == 0, "a second attach sees the stores");
    a[5000] = 'S';
    OK(b[5000] == 'S', "and later ones");
    OK(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 2, "two attaches");
    SHOW("segment %d at %p and %p", id, (void *)a, (void *)b);
    OK(shmdt(b) == 0 && shmdt(a) == 0, "shmdt both");
    errno = 0;
    OK(shmdt(&ds) == -1 && errno == EINVAL, "shmdt of no segment: EINVAL");
    OK(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID");
    errno = 0;
    OK(shmat(id, NULL, 0) == (void *)-1 && (errno == EINVAL || errno == EIDRM), "removed: EINVAL");
    return FIDELITY_END();
}
