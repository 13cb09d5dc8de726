/* record_madvise.c: see record_madvise.h. */
#include "record_madvise.h"

#include <stddef.h>
#include <sys/mman.h>
#include <sys/syscall.h>

void madv_free_settle(struct tracee *t, long nr, const uint64_t args[6], int64_t result)
{
    if (nr != SYS_madvise || args[2] != MADV_FREE || result != 0)
        return;
    uint64_t dontneed[6] = {args[0], args[1], MADV_DONTNEED, 0, 0, 0};
    /* the tracee stands just after its syscall instruction; its registers are kept */
    (void)tracee_inject_syscall(t, t->regs.rip - 2, SYS_madvise, dontneed, 0, NULL);
}
