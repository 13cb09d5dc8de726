/* thr_block_msg: System V message queues between threads. One thread's msgsnd waits on a full
 * queue until another thread's msgrcv makes room, and a msgrcv waits on an empty queue until
 * another thread sends. The waiting thread blocks every signal, so only the other thread can
 * end its wait: a recorder that kept it running inside the call would wait forever. */
#include "fidelity.h"
#include "thr_block.h"
#include <pthread.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <time.h>

struct message {
    long mtype;
    char mtext[1024];
};

static int queue;
static int sent_while_full;
static long received_type;

static void *send_into_full(void *arg)
{
    (void)arg;
    quiet();
    struct message m = {.mtype = 7};
    memset(m.mtext, 'x', sizeof m.mtext);
    sent_while_full = msgsnd(queue, &m, sizeof m.mtext, 0) == 0;
    return NULL;
}

static void *receive_from_empty(void *arg)
{
    (void)arg;
    quiet();
    struct message m;
    if (msgrcv(queue, &m, sizeof m.mtext, 0, 0) == (ssize_t)sizeof m.mtext)
        received_type = m.mtype;
    return NULL;
}

int main(void)
{
    queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    OK(queue >= 0, "msgget");
    struct msqid_ds ds;
    OK(msgctl(queue, IPC_STAT, &ds) == 0, "msgctl IPC_STAT");
    ds.msg_qbytes = 4096; /* four messages fill it */
    OK(msgctl(queue, IPC_SET, &ds) == 0, "msgctl IPC_SET (a small queue)");
    struct message m = {.mtype = 1};
    memset(m.mtext, 'a', sizeof m.mtext);
    int filled = 0;
    while (msgsnd(queue, &m, sizeof m.mtext, IPC_NOWAIT) == 0)
        filled++;
    OK(filled == 4 && errno == EAGAIN, "the queue is full");

    pthread_t th;
    OK(pthread_create(&th, NULL, send_into_full, NULL) == 0, "sender started");
    pause_a_little();
    OK(msgrcv(queue, &m, sizeof m.mtext, 0, 0) == (ssize_t)sizeof m.mtext, "room made");
    OK(pthread_join(th, NULL) == 0 && sent_while_full, "msgsnd waited for room, then sent");
    while (msgrcv(queue, &m, sizeof m.mtext, 0, IPC_NOWAIT) > 0)
        filled--;
    OK(filled == 0, "the queue is empty again (every message came out)");

    OK(pthread_create(&th, NULL, receive_from_empty, NULL) == 0, "receiver started");
    pause_a_little();
    m.mtype = 42;
    OK(msgsnd(queue, &m, sizeof m.mtext, 0) == 0, "message sent");
    OK(pthread_join(th, NULL) == 0 && received_type == 42, "msgrcv waited for the message");
    OK(msgctl(queue, IPC_RMID, NULL) == 0, "queue removed");
    return FIDELITY_END();
}
