/* ipc_sysv_sem: a System V semaphore set of 3: SETVAL/SETALL, GETVAL/GETALL, semop increments and
 * decrements several at once (atomically), IPC_NOWAIT on a would-block decrement is EAGAIN and
 * changes nothing, GETPID is the last operator (us), GETNCNT 0, IPC_STAT sem_nsems 3; a child
 * blocked in semop is woken by our increment. IPC_RMID. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

int main(void)
{
    int s = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    OK(s >= 0, "semget 3 semaphores");
    unsigned short init[3] = {1, 2, 3}, got[3] = {9, 9, 9};
    OK(semctl(s, 0, SETALL, (union semun){.array = init}) == 0, "SETALL 1 2 3");
    OK(semctl(s, 0, GETALL, (union semun){.array = got}) == 0 && got[0] == 1 && got[1] == 2 && got[2] == 3,
       "GETALL reads them");
    struct sembuf ops[2] = {{0, -1, 0}, {2, +4, 0}};
    OK(semop(s, ops, 2) == 0, "semop: -1 on 0, +4 on 2");
    OK(semctl(s, 0, GETVAL) == 0 && semctl(s, 2, GETVAL) == 7, "values 0 and 7");
    struct sembuf both[2] = {{1, -1, IPC_NOWAIT}, {0, -1, IPC_NOWAIT}};
    errno = 0;
    OK(semop(s, both, 2) == -1 && errno == EAGAIN, "would block, IPC_NOWAIT: EAGAIN");
    OK(semctl(s, 1, GETVAL) == 2, "all or nothing: semaphore 1 unchanged");
    OK(semctl(s, 0, GETPID) == getpid(), "GETPID: us");
    OK(semctl(s, 0, GETNCNT) == 0, "GETNCNT 0");
    struct semid_ds ds;
    OK(semctl(s, 0, IPC_STAT, (union semun){.buf = &ds}) == 0 && ds.sem_nsems == 3, "IPC_STAT: 3");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        struct sembuf wait_one = {0, -1, 0};
        _exit(semop(s, &wait_one, 1) == 0 ? 0 : 1);
    }
    while (semctl(s, 0, GETNCNT) != 1)
        usleep(1000);
    OK(semctl(s, 0, SETVAL, (union semun){.val = 1}) == 0, "SETVAL 1 wakes the waiting child");
    int st;
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child's semop succeeded");
    OK(semctl(s, 0, GETVAL) == 0 && semctl(s, 0, GETPID) == p, "it took the unit; GETPID is the child");
    SHOW("set %d child %d", s, p);
    OK(semctl(s, 0, IPC_RMID) == 0, "IPC_RMID");
    return FIDELITY_END();
}
