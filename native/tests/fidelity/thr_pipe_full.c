/* thr_pipe_full: one thread writes far more than a pipe holds (write, writev, and send on a
 * socketpair) while another thread drains it: the writer blocks in the kernel until the reader
 * runs, so the recorder must let the blocked write wait there and run the reader meanwhile. The
 * writer blocks every signal (as worker threads often do), so no signal can interrupt its write:
 * a recorder that kept it running inside the write would wait forever. */
#include "fidelity.h"
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define TOTAL (1L << 20) /* 1 MiB each way: 16 times a pipe's default capacity */
#define CHUNK 8192

struct channel {
    int rfd;
    long got;
    unsigned long sum;
};

static void *drain(void *arg)
{
    struct channel *c = arg;
    char buf[CHUNK];
    ssize_t n;
    while ((n = read(c->rfd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            c->sum += (unsigned char)buf[i];
        c->got += n;
    }
    return NULL;
}

static unsigned long fill(char *buf, long at)
{
    unsigned long sum = 0;
    for (int i = 0; i < CHUNK; i++) {
        buf[i] = (char)((at + i) * 7);
        sum += (unsigned char)buf[i];
    }
    return sum;
}

/* Writes TOTAL bytes to wfd in way 0 (write), 1 (writev) or 2 (send); its byte sum. */
static unsigned long pour(int wfd, int way)
{
    char buf[CHUNK];
    unsigned long sum = 0;
    for (long at = 0; at < TOTAL; at += CHUNK) {
        sum += fill(buf, at);
        struct iovec iov[2] = {{buf, CHUNK / 2}, {buf + CHUNK / 2, CHUNK / 2}};
        ssize_t n = way == 0 ? write(wfd, buf, CHUNK) : way == 1 ? writev(wfd, iov, 2) : send(wfd, buf, CHUNK, 0);
        if (n != CHUNK)
            return 0;
    }
    return sum;
}

static void through(const char *what, int rfd, int wfd, int way)
{
    struct channel c = {rfd, 0, 0};
    pthread_t reader;
    OK(pthread_create(&reader, NULL, drain, &c) == 0, "reader started");
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    unsigned long sum = pour(wfd, way);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(wfd);
    OK(pthread_join(reader, NULL) == 0, "reader joined");
    close(rfd);
    char line[120];
    snprintf(line, sizeof line, "%s: every byte arrived, in order", what);
    OK(sum != 0 && c.got == TOTAL && c.sum == sum, line);
}

int main(void)
{
    int p[2];
    OK(pipe(p) == 0, "pipe");
    through("write to a pipe", p[0], p[1], 0);
    OK(pipe(p) == 0, "pipe");
    through("writev to a pipe", p[0], p[1], 1);
    int s[2];
    OK(socketpair(AF_UNIX, SOCK_STREAM, 0, s) == 0, "socketpair");
    through("send on a socket", s[0], s[1], 2);
    return FIDELITY_END();
}
