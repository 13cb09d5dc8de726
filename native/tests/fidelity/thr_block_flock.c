/* thr_block_flock: file locks between threads. flock locks and open file description (OFD)
 * record locks belong to an open file, so two threads that opened the same file separately
 * contend: one thread's flock(LOCK_EX) and fcntl(F_OFD_SETLKW) wait until another thread unlocks.
 * The waiting thread blocks every signal, so only the other thread can end its wait. */
#define _GNU_SOURCE
#include "fidelity.h"
#include "thr_block.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

static char path[64];
static int got_lock;

static void *flock_waiter(void *arg)
{
    (void)arg;
    quiet();
    int fd = open(path, O_RDWR);
    got_lock = fd >= 0 && flock(fd, LOCK_NB | LOCK_EX) == -1 && errno == EWOULDBLOCK &&
               flock(fd, LOCK_EX) == 0;
    if (fd >= 0)
        close(fd);
    return NULL;
}

static void *ofd_waiter(void *arg)
{
    (void)arg;
    quiet();
    int fd = open(path, O_RDWR);
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
    got_lock = fd >= 0 && fcntl(fd, F_OFD_SETLK, &fl) == -1 && errno == EAGAIN &&
               fcntl(fd, F_OFD_SETLKW, &fl) == 0;
    if (fd >= 0)
        close(fd);
    return NULL;
}

/* Holds a lock on a separate open of the file (lock/unlock by `way`) while a waiter thread
 * waits for it, then lets go. */
static void contend(const char *what, void *(*waiter)(void *), int way)
{
    int fd = open(path, O_RDWR);
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
    OK(fd >= 0 && (way == 0 ? flock(fd, LOCK_EX) : fcntl(fd, F_OFD_SETLK, &fl)) == 0, "locked");
    got_lock = 0;
    pthread_t th;
    OK(pthread_create(&th, NULL, waiter, NULL) == 0, "waiter started");
    pause_a_little();
    fl.l_type = F_UNLCK;
    OK((way == 0 ? flock(fd, LOCK_UN) : fcntl(fd, F_OFD_SETLK, &fl)) == 0, "unlocked");
    char line[120];
    snprintf(line, sizeof line, "%s waited for the other thread's unlock", what);
    OK(pthread_join(th, NULL) == 0 && got_lock, line);
    close(fd);
}

int main(void)
{
    snprintf(path, sizeof path, "/tmp/rewind-thr-block-flock-XXXXXX");
    int fd = mkstemp(path);
    OK(fd >= 0 && write(fd, "0123456789", 10) == 10, "file made");
    close(fd);
    contend("flock(LOCK_EX)", flock_waiter, 0);
    contend("fcntl(F_OFD_SETLKW)", ofd_waiter, 1);
    unlink(path);
    return FIDELITY_END();
}
