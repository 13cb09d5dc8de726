/* thr_exec: execve from a multithreaded program. Stage 0: a thread that is not the main one
 * execs (after a failed execve that changes nothing) while other threads wait in the kernel;
 * the kernel ends the others and the new program has the old process id, as its only thread's
 * tid. Stage 1: the main thread execs while other threads run. Stage 2 checks and ends. */
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static int pipe_fds[2];
static char pid_text[32];

static void *waits_on_pipe(void *arg)
{
    (void)arg;
    char c;
    read(pipe_fds[0], &c, 1); /* never written: ended by the exec */
    return NULL;
}

static void *spins(void *arg)
{
    (void)arg;
    for (;;)
        getppid();
    return NULL;
}

static void *execs(void *arg)
{
    const char *stage = arg;
    char *fail_argv[] = {"/nonexistent/program", NULL};
    execv(fail_argv[0], fail_argv);
    OK(errno == ENOENT, "a failed execve from a thread returns ENOENT");
    fflush(stdout);
    char *argv[] = {"thr_exec", (char *)stage, pid_text, NULL};
    execv("/proc/self/exe", argv);
    OK(0, "execve from a thread");
    exit(1);
}

static void start(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    OK(pthread_create(&t, NULL, fn, arg) == 0, "thread started");
}

int main(int argc, char **argv)
{
    if (argc == 1) {
        snprintf(pid_text, sizeof pid_text, "%d", getpid());
        OK(pipe(pipe_fds) == 0, "pipe");
        start(waits_on_pipe, NULL);
        start(waits_on_pipe, NULL);
        start(execs, "1");
        fflush(stdout);
        for (;;)
            pause(); /* ended by the exec */
    }
    OK(atoi(argv[2]) == getpid(), "the process id is the same after the exec");
    OK(syscall(SYS_gettid) == getpid(), "the one thread has the process id as its tid");
    if (argv[1][0] == '1') {
        start(spins, NULL);
        start(spins, NULL);
        char *next[] = {"thr_exec", "2", argv[2], NULL};
        fflush(stdout);
        execv("/proc/self/exe", next);
        OK(0, "execve from the main thread");
        return 1;
    }
    OK(argv[1][0] == '2', "the second exec ran");
    return FIDELITY_END();
}
