/* mem_brk: brk(0) gives the current break, raising it maps zeroed memory that can be stored to,
 * lowering it gives memory back, sbrk returns the old break; a break below the data segment is
 * refused (the break stays). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);
    OK(cur != 0, "brk(0) gives the break");
    uintptr_t up = (uintptr_t)syscall(SYS_brk, cur + 3 * 4096);
    OK(up == cur + 3 * 4096, "raise by 3 pages");
    volatile char *mem = (char *)cur;
    int zero = 1;
    for (int i = 0; i < 3 * 4096; i += 512)
        zero &= mem[i] == 0;
    OK(zero, "the new memory is zero");
    mem[3 * 4096 - 1] = 'z';
    OK(mem[3 * 4096 - 1] == 'z', "and can be stored to");
    OK(brk((void *)(cur + 4096)) == 0 && (uintptr_t)syscall(SYS_brk, 0) == cur + 4096, "lower by 2 pages");
    OK((uintptr_t)syscall(SYS_brk, 4096) == cur + 4096, "a break below the data segment is refused");
    void *old = sbrk(4096);
    OK(old == (void *)(cur + 4096) && sbrk(0) == (void *)(cur + 2 * 4096), "sbrk returns the old break");
    sbrk(-4096);
    SHOW("break %p", (void *)cur);
    return FIDELITY_END();
}
