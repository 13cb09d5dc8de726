/* thr_block_splice: moving data into and out of pipes between threads. splice, tee, sendfile and
 * vmsplice into a full pipe wait until another thread reads from it; splice and tee out of an
 * empty pipe, and preadv2 (offset -1) of one, wait until another thread writes. The waiting
 * thread blocks every signal, so only the other thread can end its wait. */
#define _GNU_SOURCE
#include "fidelity.h"
#include "thr_block.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define PIPE_SIZE 4096
#define MOVE 4096

enum way { SPLICE_IN, TEE_IN, SENDFILE_IN, VMSPLICE_IN, SPLICE_OUT, TEE_OUT, PREADV2_OUT };

static int file_fd;          /* MOVE bytes of 'f' */
static int full[2];          /* a full pipe: the waiter writes into it */
static int empty[2];         /* an empty pipe: the waiter reads out of it */
static int spare[2];         /* where splice and tee out of `empty` put their bytes */
static ssize_t moved;

static void *waiter(void *arg)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    static char buf[MOVE];
    loff_t off = 0;
    struct iovec iov = {buf, MOVE};
    switch ((enum way)(long)arg) {
    case SPLICE_IN: moved = splice(file_fd, &off, full[1], NULL, MOVE, 0); break;
    case TEE_IN: moved = tee(spare[0], full[1], MOVE, 0); break;
    case SENDFILE_IN: moved = sendfile(full[1], file_fd, &off, MOVE); break;
    case VMSPLICE_IN: memset(buf, 'v', MOVE); moved = vmsplice(full[1], &iov, 1, 0); break;
    case SPLICE_OUT: moved = splice(empty[0], NULL, spare[1], NULL, MOVE, 0); break;
    case TEE_OUT: moved = tee(empty[0], spare[1], MOVE, 0); break;
    case PREADV2_OUT: moved = preadv2(empty[0], &iov, 1, -1, 0); break;
    }
    return NULL;
}

static void fresh_pipe(int p[2])
{
    OK(pipe(p) == 0 && fcntl(p[1], F_SETPIPE_SZ, PIPE_SIZE) >= PIPE_SIZE, "pipe");
}

/* Fills `full`, lets the waiter wait to write into it, drains it: the waiter then moves. */
static void into_full(const char *what, enum way way)
{
    fresh_pipe(full);
    int size = fcntl(full[1], F_GETPIPE_SZ);
    char *fill = calloc(1, (size_t)size);
    OK(fill && write(full[1], fill, (size_t)size) == size, "pipe filled");
    moved = 0;
    pthread_t th;
    OK(pthread_create(&th, NULL, waiter, (void *)(long)way) == 0, "waiter started");
    pause_a_little();
    ssize_t drained = 0, n;
    while (drained < size && (n = read(full[0], fill, (size_t)size - (size_t)drained)) > 0)
        drained += n;
    OK(drained == size, "pipe drained");
    char line[120];
    snprintf(line, sizeof line, "%s into a full pipe waited for the reader", what);
    OK(pthread_join(th, NULL) == 0 && moved > 0, line);
    free(fill);
    close(full[0]);
    close(full[1]);
}

/* Lets the waiter wait to read out of `empty`, then writes into it: the waiter then moves. */
static void out_of_empty(const char *what, enum way way)
{
    fresh_pipe(empty);
    fresh_pipe(spare);
    moved = 0;
    pthread_t th;
    OK(pthread_create(&th, NULL, waiter, (void *)(long)way) == 0, "waiter started");
    pause_a_little();
    OK(write(empty[1], "hello", 5) == 5, "written");
    char line[120];
    snprintf(line, sizeof line, "%s out of an empty pipe waited for the writer", what);
    OK(pthread_join(th, NULL) == 0 && moved == 5, line);
    close(empty[0]);
    close(empty[1]);
    close(spare[0]);
    close(spare[1]);
}

int main(void)
{
    char path[] = "/tmp/rewind-thr-block-splice-XXXXXX";
    file_fd = mkstemp(path);
    char data[MOVE];
    memset(data, 'f', MOVE);
    OK(file_fd >= 0 && write(file_fd, data, MOVE) == MOVE, "file made");
    unlink(path);
    into_full("splice", SPLICE_IN);
    fresh_pipe(spare);
    OK(write(spare[1], "tee", 3) == 3, "tee's source written");
    into_full("tee", TEE_IN);
    close(spare[0]);
    close(spare[1]);
    into_full("sendfile", SENDFILE_IN);
    into_full("vmsplice", VMSPLICE_IN);
    out_of_empty("splice", SPLICE_OUT);
    out_of_empty("tee", TEE_OUT);
    out_of_empty("preadv2", PREADV2_OUT);
    close(file_fd);
    return FIDELITY_END();
}
