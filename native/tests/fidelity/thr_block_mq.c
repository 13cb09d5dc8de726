/* thr_block_mq: POSIX message queues between threads. One thread's mq_send (mq_timedsend) waits
 * on a full queue until another thread receives, and an mq_receive (mq_timedreceive) waits on an
 * empty one until another thread sends. The waiting thread blocks every signal, so only the other
 * thread can end its wait. */
#include "fidelity.h"
#include "thr_block.h"
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define MSG 64

static mqd_t queue;
static int sent_while_full;
static unsigned received_priority;

static void *send_into_full(void *arg)
{
    (void)arg;
    quiet();
    char text[MSG] = "late";
    sent_while_full = mq_send(queue, text, sizeof text, 3) == 0;
    return NULL;
}

static void *receive_from_empty(void *arg)
{
    (void)arg;
    quiet();
    char text[MSG];
    unsigned prio = 0;
    if (mq_receive(queue, text, sizeof text, &prio) == MSG && strcmp(text, "wake") == 0)
        received_priority = prio;
    return NULL;
}

int main(void)
{
    char name[64];
    snprintf(name, sizeof name, "/rewind-thr-block-mq-%d", (int)getpid());
    struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = MSG};
    queue = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    OK(queue != (mqd_t)-1, "mq_open");
    mq_unlink(name);
    char text[MSG] = "early";
    OK(mq_send(queue, text, MSG, 1) == 0 && mq_send(queue, text, MSG, 1) == 0, "the queue is full");

    pthread_t th;
    OK(pthread_create(&th, NULL, send_into_full, NULL) == 0, "sender started");
    pause_a_little();
    OK(mq_receive(queue, text, MSG, NULL) == MSG, "room made");
    OK(pthread_join(th, NULL) == 0 && sent_while_full, "mq_send waited for room, then sent");
    unsigned prio = 0;
    OK(mq_receive(queue, text, MSG, &prio) == MSG && strcmp(text, "late") == 0 && prio == 3 &&
           mq_receive(queue, text, MSG, &prio) == MSG && strcmp(text, "early") == 0 && prio == 1,
       "the late message came first (its priority is higher)");

    OK(pthread_create(&th, NULL, receive_from_empty, NULL) == 0, "receiver started");
    pause_a_little();
    snprintf(text, sizeof text, "wake");
    OK(mq_send(queue, text, MSG, 9) == 0, "message sent");
    OK(pthread_join(th, NULL) == 0 && received_priority == 9, "mq_receive waited for the message");
    OK(mq_close(queue) == 0, "mq_close");
    return FIDELITY_END();
}
