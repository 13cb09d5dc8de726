/* thr_block_setlkw: a process-owned record lock (fcntl F_SETLKW) held by a child process; one
 * thread of the parent waits for it while another thread tells the child to let go. The waiting
 * thread blocks every signal, so only the other thread can end its wait. */
#define _GNU_SOURCE
#include "fidelity.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char path[64];
static int got_lock;

static void *waiter(void *arg)
{
    (void)arg;
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    int fd = open(path, O_RDWR);
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
    got_lock = fd >= 0 && fcntl(fd, F_SETLK, &fl) == -1 && (errno == EAGAIN || errno == EACCES) &&
               fcntl(fd, F_SETLKW, &fl) == 0;
    if (fd >= 0)
        close(fd);
    return NULL;
}

int main(void)
{
    snprintf(path, sizeof path, "/tmp/rewind-thr-block-setlkw-XXXXXX");
    int fd = mkstemp(path);
    OK(fd >= 0 && write(fd, "0123456789", 10) == 10, "file made");
    int locked[2], release[2];
    OK(pipe(locked) == 0 && pipe(release) == 0, "pipes");
    pid_t child = fork();
    if (child == 0) {
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
        char c = 0;
        if (fcntl(fd, F_SETLK, &fl) != 0 || write(locked[1], "L", 1) != 1 || read(release[0], &c, 1) != 1)
            _exit(1);
        fl.l_type = F_UNLCK;
        _exit(fcntl(fd, F_SETLK, &fl) == 0 ? 0 : 1);
    }
    char c = 0;
    OK(child > 0 && read(locked[0], &c, 1) == 1 && c == 'L', "the child holds the lock");
    pthread_t th;
    OK(pthread_create(&th, NULL, waiter, NULL) == 0, "waiter started");
    struct timespec ts = {0, 50 * 1000 * 1000};
    nanosleep(&ts, NULL);
    OK(write(release[1], "U", 1) == 1, "the child is told to let go");
    OK(pthread_join(th, NULL) == 0 && got_lock, "fcntl(F_SETLKW) waited for the child's unlock");
    int status = 0;
    OK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0,
       "the child unlocked and exited");
    close(fd);
    unlink(path);
    return FIDELITY_END();
}
