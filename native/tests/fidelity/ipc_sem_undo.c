/* ipc_sem_undo: SEM_UNDO: a child that decrements a semaphore with SEM_UNDO and exits has its
 * operation undone by the kernel (the value comes back); without SEM_UNDO it stays; semtimedop
 * on a zero semaphore times out with EAGAIN. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void child_op(int s, short flags)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        struct sembuf op = {0, -2, flags};
        _exit(semop(s, &op, 1) == 0 ? 0 : 1);
    }
    waitpid(p, NULL, 0);
}

int main(void)
{
    int s = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    OK(s >= 0 && semctl(s, 0, SETVAL, 5) == 0, "a semaphore at 5");
    child_op(s, SEM_UNDO);
    OK(semctl(s, 0, GETVAL) == 5, "SEM_UNDO: back to 5 after the child exited");
    child_op(s, 0);
    OK(semctl(s, 0, GETVAL) == 3, "without it: 3");
    semctl(s, 0, SETVAL, 0);
    struct sembuf take = {0, -1, 0};
    struct timespec t = {0, 20000000};
    errno = 0;
    OK(semtimedop(s, &take, 1, &t) == -1 && errno == EAGAIN, "semtimedop on 0: EAGAIN after 20 ms");
    SHOW("set %d", s);
    OK(semctl(s, 0, IPC_RMID) == 0, "IPC_RMID");
    return FIDELITY_END();
}
