/* sig_sigpipe: writing to a pipe whose read end is closed raises SIGPIPE and fails with EPIPE
 * when the signal is caught or ignored; a socket send to a closed peer does the same, and with
 * MSG_NOSIGNAL gives EPIPE without the signal. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile int pipes;
static void on_pipe(int sig) { pipes++; }

int main(void)
{
    signal(SIGPIPE, on_pipe);
    int p[2];
    OK(pipe(p) == 0 && close(p[0]) == 0, "a pipe without reader");
    errno = 0;
    OK(write(p[1], "x", 1) == -1 && errno == EPIPE, "write: EPIPE");
    OK(pipes == 1, "SIGPIPE caught once");
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    close(sv[1]);
    errno = 0;
    OK(send(sv[0], "y", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE &&
       pipes == 1, "MSG_NOSIGNAL: EPIPE, no signal");
    errno = 0;
    OK(send(sv[0], "y", 1, 0) == -1 && errno == EPIPE && pipes == 2, "without it: EPIPE and SIGPIPE");
    signal(SIGPIPE, SIG_IGN);
    errno = 0;
    OK(write(p[1], "z", 1) == -1 && errno == EPIPE && pipes == 2, "ignored: EPIPE only");
    SHOW("pid %d", getpid());
    return FIDELITY_END();
}
