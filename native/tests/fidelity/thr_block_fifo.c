/* thr_block_fifo: opening a FIFO between threads. An open for reading waits until another thread
 * opens it for writing (and the other way round), by open and by openat. The first thread to open
 * blocks every signal, so only the other thread can end its wait. */
#define _GNU_SOURCE
#include "fidelity.h"
#include "thr_block.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[64], fifo[96];
static int got;

/* Opens the FIFO for reading (by open, or openat relative to dir when arg is non-NULL) and reads
 * the one byte the writer sends. */
static void *reader(void *arg)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    int fd;
    if (arg) {
        int dfd = open(dir, O_RDONLY | O_DIRECTORY);
        fd = openat(dfd, "fifo", O_RDONLY);
        close(dfd);
    } else
        fd = open(fifo, O_RDONLY);
    char c = 0;
    got = fd >= 0 && read(fd, &c, 1) == 1 ? c : -1;
    if (fd >= 0)
        close(fd);
    return NULL;
}

static void rendezvous(const char *what, int by_openat)
{
    got = 0;
    pthread_t th;
    OK(pthread_create(&th, NULL, reader, by_openat ? dir : NULL) == 0, "reader started");
    pause_a_little();
    int fd = open(fifo, O_WRONLY);
    OK(fd >= 0 && write(fd, "R", 1) == 1, "writer opened the FIFO and wrote");
    char line[120];
    snprintf(line, sizeof line, "%s of the FIFO waited for the writer", what);
    OK(pthread_join(th, NULL) == 0 && got == 'R', line);
    close(fd);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/rewind-thr-block-fifo-XXXXXX");
    OK(mkdtemp(dir) != NULL, "directory made");
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    OK(mkfifo(fifo, 0600) == 0, "mkfifo");
    int fd = open(fifo, O_RDONLY | O_NONBLOCK);
    OK(fd >= 0, "a non-blocking open for reading returns at once");
    close(fd);
    rendezvous("open", 0);
    rendezvous("openat", 1);
    unlink(fifo);
    rmdir(dir);
    return FIDELITY_END();
}
