/* syscall_raw_numbers: syscall numbers that are not plain rows of the table: -1, numbers with
 * garbage in the upper half of rax (the kernel dispatches on the low 32 bits), numbers no kernel
 * has. The recording must keep each as the kernel saw it, and the replay find them again. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

static long raw(uint64_t nr, uint64_t a0)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a0) : "rcx", "r11", "memory");
    return ret;
}

int main(void)
{
    OK(raw((uint64_t)-1, 0) == -ENOSYS, "syscall(-1) is ENOSYS");
    OK(raw(0xdead00000000ull | SYS_getpid, 0) == getpid(), "getpid with garbage in rax's upper half");
    OK(raw(0xffffffff80000000ull, 0) == -ENOSYS, "INT32_MIN is ENOSYS");
    OK(raw(100000, 0) == -ENOSYS, "syscall 100000 is ENOSYS");
    SHOW("pid %ld", raw(0x100000000ull | SYS_getpid, 0));
    return FIDELITY_END();
}
