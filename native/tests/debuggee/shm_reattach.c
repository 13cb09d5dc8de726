/* shm_reattach: a System V segment attached, then attached again read-only while the first attach
 * is still there (a store through the first must show through the second), then both detached
 * and the segment attached once more (its bytes stay). ShmReattachTravelTest replays the second
 * attach again after travelling back to just before it. */
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(void)
{
    int id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
    unsigned char *a = shmat(id, NULL, 0);
    a[10] = 7;
    int checks = 0; /* BEFORE_RO */
    const unsigned char *ro = shmat(id, NULL, SHM_RDONLY);
    a[20] = 9;
    checks += ro[20] == 9 && ro[10] == 7;
    shmdt(ro);
    shmdt(a);
    unsigned char *c = shmat(id, NULL, 0);
    checks += c[10] == 7 && c[20] == 9;
    shmdt(c);
    shmctl(id, IPC_RMID, NULL);
    printf("checks %d\n", checks); /* AT_END */
    return checks == 2 ? 0 : 1;
}
