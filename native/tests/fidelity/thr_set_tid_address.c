/* thr_set_tid_address: a thread moves its tid word (set_tid_address) to a word of its own; at its
 * end the kernel clears that word (and wakes its futex waiters), not the one glibc gave at clone.
 * The main thread waits for the clearing with a futex wait on the word. */
#include "fidelity.h"
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int32_t my_word = -1;
static volatile int32_t started;
static pid_t thread_tid;

static void *moves_tid_word(void *arg)
{
    (void)arg;
    thread_tid = (pid_t)syscall(SYS_gettid);
    my_word = thread_tid;
    long r = syscall(SYS_set_tid_address, &my_word);
    __atomic_store_n(&started, (int32_t)r, __ATOMIC_SEQ_CST);
    syscall(SYS_exit, 0); /* (not pthread_exit: its own tid word would never be cleared) */
    return NULL;
}

int main(void)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    OK(pthread_create(&t, &attr, moves_tid_word, NULL) == 0, "thread started");
    for (;;) {
        int32_t w = __atomic_load_n(&my_word, __ATOMIC_SEQ_CST);
        if (w == 0)
            break;
        syscall(SYS_futex, &my_word, FUTEX_WAIT, w, NULL, NULL, 0);
    }
    OK(my_word == 0, "the kernel cleared the thread's own tid word at its end");
    OK(started == thread_tid, "set_tid_address returned the thread's tid");
    return FIDELITY_END();
}
