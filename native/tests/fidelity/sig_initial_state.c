/* sig_initial_state: a program starts with the ignored signals its parent gave it (execve keeps
 * them) and every caught signal at SIG_DFL. The ok lines name the ignored standard signals, so a
 * recorder that starts the program with other dispositions than it would have had shows up as
 * different checks. The mask is shown, not checked: run by a JVM (the test) it has SIGQUIT
 * blocked, while the recorder gives the empty mask a shell gives. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <unistd.h>

int main(void)
{
    sigset_t mask;
    OK(sigprocmask(SIG_BLOCK, NULL, &mask) == 0, "read the mask");
    char blocked[256] = "", ignored[256] = "", what[320];
    int caught = 0;
    for (int sig = 1; sig < 32; sig++) {
        char name[8];
        snprintf(name, sizeof name, " %d", sig);
        if (sigismember(&mask, sig))
            strcat(blocked, name);
        struct sigaction sa;
        if (sig == SIGKILL || sig == SIGSTOP || sigaction(sig, NULL, &sa) != 0)
            continue;
        if (sa.sa_handler == SIG_IGN)
            strcat(ignored, name);
        else if (sa.sa_handler != SIG_DFL)
            caught++;
    }
    SHOW("blocked at start:%s", blocked[0] ? blocked : " none");
    snprintf(what, sizeof what, "ignored at start:%s", ignored[0] ? ignored : " none");
    OK(1, what);
    OK(caught == 0, "no signal caught at start (handlers do not survive exec)");
    sigset_t pending;
    OK(sigpending(&pending) == 0, "sigpending");
    int any = 0;
    for (int sig = 1; sig < 65; sig++)
        any |= sigismember(&pending, sig) == 1;
    snprintf(what, sizeof what, "pending at start: %s", any ? "some" : "none");
    OK(1, what);
    SHOW("pid %d", getpid());
    return FIDELITY_END();
}
