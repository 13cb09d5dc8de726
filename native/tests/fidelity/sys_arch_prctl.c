/* sys_arch_prctl: arch_prctl(ARCH_GET_FS) writes the fs base, which is the thread control block:
 * its first word points to itself (glibc's tcbhead_t.tcb) and it matches pthread_self();
 * ARCH_GET_GS is 0; ARCH_SET_FS to the same value keeps TLS working; an unknown code is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <asm/prctl.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

static __thread int tls_word = 7;

int main(void)
{
    unsigned long fs = 0, gs = 1;
    OK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs) == 0 && fs != 0, "ARCH_GET_FS");
    OK(*(unsigned long *)fs == fs, "the TCB's first word points to itself");
    OK(fs == (unsigned long)pthread_self(), "fs base is pthread_self()");
    unsigned long via_fs;
    __asm__("mov %%fs:0, %0" : "=r"(via_fs));
    OK(via_fs == fs, "%fs:0 agrees");
    OK(syscall(SYS_arch_prctl, ARCH_GET_GS, &gs) == 0 && gs == 0, "ARCH_GET_GS: 0");
    OK(syscall(SYS_arch_prctl, ARCH_SET_FS, fs) == 0 && tls_word == 7, "ARCH_SET_FS to itself, TLS works");
    errno = 0;
    OK(syscall(SYS_arch_prctl, 0x1999, &gs) == -1 && errno == EINVAL, "code 0x1999: EINVAL");
    SHOW("fs 0x%lx", fs);
    return FIDELITY_END();
}
