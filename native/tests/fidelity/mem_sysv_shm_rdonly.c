/* mem_sysv_shm_rdonly: a System V segment attached SHM_RDONLY cannot be made writable
 * (mprotect PROT_WRITE fails with EACCES) while it shows every store made through a writable
 * attach; a segment detached and attached again keeps its bytes and still aliases the read-only
 * attach.
 */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/shm.h>

int main(void)
{
    int id = shmget(IPC_PRIVATE, 12288, IPC_CREAT | 0600);
    OK(id >= 0, "shmget IPC_PRIVATE 12 KiB");
    unsigned char *a = shmat(id, NULL, 0);
    const unsigned char *ro = shmat(id, NULL, SHM_RDONLY);
    OK(a != (void *)-1 && ro != (void *)-1, "attached read-write and read-only");
    unsigned char r[16];
    getrandom(r, sizeof r, 0);
    memcpy(a + 9000, r, sizeof r);
    OK(memcmp(ro + 9000, r, sizeof r) == 0, "the read-only attach shows the store");
    errno = 0;
    OK(mprotect((void *)ro, 4096, PROT_READ | PROT_WRITE) == -1 && errno == EACCES,
       "mprotect PROT_WRITE of the read-only attach: EACCES");
    OK(mprotect((void *)ro, 4096, PROT_READ) == 0, "mprotect PROT_READ of it works");
    OK(shmdt(a) == 0, "shmdt the writable attach");
    unsigned char *b = shmat(id, NULL, 0);
    OK(b != (void *)-1 && memcmp(b + 9000, r, sizeof r) == 0, "attached again: the bytes stay");
    b[100] = (unsigned char)(r[0] ^ 0x5a);
    OK(ro[100] == (unsigned char)(r[0] ^ 0x5a), "the new attach aliases the read-only one");
    OK(shmdt(b) == 0 && shmdt(ro) == 0 && shmctl(id, IPC_RMID, NULL) == 0, "shmdt both, IPC_RMID");
    SHOW("random %02x%02x", r[0], r[1]);
    return FIDELITY_END();
}
