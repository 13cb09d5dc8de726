/* mem_pkeys: memory protection keys: pkey_alloc gives a key (or ENOSPC/EINVAL/ENOSYS without PKU),
 * pkey_mprotect tags a page with it, with access disabled in PKRU a store faults (SEGV_PKUERR, in a
 * child), pkey_free releases it; pkey_mprotect with an unallocated key EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(p != MAP_FAILED, "a page");
    int key = pkey_alloc(0, 0);
    OK(key > 0 || errno == ENOSPC || errno == EINVAL || errno == ENOSYS, "pkey_alloc answered");
    if (key > 0) {
        OK(pkey_mprotect(p, 4096, PROT_READ | PROT_WRITE, key) == 0, "pkey_mprotect");
        p[0] = 'k';
        pid_t child = fork();
        if (child == 0) {
            pkey_set(key, PKEY_DISABLE_ACCESS);
            p[0] = 'x';
            _exit(0);
        }
        int status;
        waitpid(child, &status, 0);
        OK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "access disabled: the store faults (in a child)");
        OK(p[0] == 'k' && pkey_get(key) == 0, "the parent's rights are unchanged");
        OK(pkey_free(key) == 0, "pkey_free");
    }
    errno = 0;
    OK(pkey_mprotect(p, 4096, PROT_READ, 15) == -1 && errno == EINVAL, "an unallocated key: EINVAL");
    SHOW("page %p pid %d", (void *)p, getpid());
    return FIDELITY_END();
}
