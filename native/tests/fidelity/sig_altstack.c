/* sig_altstack: sigaltstack installs an alternate stack; a SA_ONSTACK handler runs on it (its
 * locals lie inside it, sigaltstack reports SS_ONSTACK there), a handler without SA_ONSTACK does
 * not; a too small stack is ENOMEM and changing the stack while on it is EPERM. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static char *alt;
static size_t alt_size = 64 * 1024;
static volatile int on_alt, flag_onstack, change_refused;

static void handler(int sig)
{
    char local;
    uintptr_t a = (uintptr_t)&local;
    on_alt = a >= (uintptr_t)alt && a < (uintptr_t)alt + alt_size;
    stack_t now;
    sigaltstack(NULL, &now);
    flag_onstack = (now.ss_flags & SS_ONSTACK) != 0;
    stack_t other = {.ss_sp = alt, .ss_size = alt_size, .ss_flags = 0};
    change_refused = sigaltstack(&other, NULL) == -1 && errno == EPERM;
}

int main(void)
{
    alt = malloc(alt_size);
    stack_t ss = {.ss_sp = alt, .ss_size = alt_size, .ss_flags = 0}, old;
    OK(sigaltstack(&ss, &old) == 0 && (old.ss_flags & SS_DISABLE), "install; before there was none");
    stack_t now;
    OK(sigaltstack(NULL, &now) == 0 && now.ss_sp == alt && now.ss_size == alt_size && now.ss_flags == 0,
       "read back the stack");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    OK(on_alt && flag_onstack, "SA_ONSTACK handler runs on the alternate stack, SS_ONSTACK");
    OK(change_refused, "changing it while on it: EPERM");
    sa.sa_flags = 0;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    OK(!on_alt && !flag_onstack, "a handler without SA_ONSTACK stays on the main stack");
    stack_t tiny = {.ss_sp = alt, .ss_size = 512, .ss_flags = 0};
    errno = 0;
    OK(sigaltstack(&tiny, NULL) == -1 && errno == ENOMEM, "a 512-byte stack: ENOMEM");
    stack_t off = {.ss_flags = SS_DISABLE};
    OK(sigaltstack(&off, NULL) == 0 && sigaltstack(NULL, &now) == 0 &&
       (now.ss_flags & SS_DISABLE), "disable");
    SHOW("alt stack %p", (void *)alt);
    free(alt);
    return FIDELITY_END();
}
