/* mem_madvise_remove: MADV_REMOVE on a shared file mapping frees the range and the file's blocks
 * (the range then reads zeros, through the mapping and through pread); on a private mapping EACCES.
 * A file system without hole punching answers EOPNOTSUPP (accepted). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-madvrm-XXXXXX";
    int fd = mkstemp(path);
    static char data[4 * 4096];
    memset(data, 'r', sizeof data);
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "a 4-page file");
    volatile char *m = mmap(NULL, sizeof data, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    OK(m != MAP_FAILED && m[4096] == 'r', "MAP_SHARED");
    int r = madvise((void *)(m + 4096), 4096, MADV_REMOVE);
    OK(r == 0 || errno == EOPNOTSUPP, "MADV_REMOVE answered");
    char c = 'x';
    OK(r != 0 || (m[4096] == 0 && m[8191] == 0 && m[0] == 'r' && m[8192] == 'r'), "the range reads zeros, its neighbours r");
    OK(pread(fd, &c, 1, 4096) == 1 && c == (r == 0 ? 0 : 'r'), "pread agrees");
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    errno = 0;
    OK(madvise(p, 4096, MADV_REMOVE) == -1 && errno == EACCES, "on a private mapping: EACCES");
    SHOW("mapped at %p pid %d", (void *)m, getpid());
    munmap(p, 4096);
    munmap((void *)m, sizeof data);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
