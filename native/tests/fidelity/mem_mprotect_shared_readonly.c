/* mem_mprotect_shared_readonly: mprotect(PROT_READ|PROT_WRITE) of a MAP_SHARED mapping of a file
 * opened read-only fails with EACCES (the file's access mode caps the mapping's rights). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-mprotro-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 4096) == 0, "a one-page file");
    int ro = open(path, O_RDONLY);
    void *s = mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, 0);
    OK(s != MAP_FAILED, "MAP_SHARED of a read-only fd");
    errno = 0;
    OK(mprotect(s, 4096, PROT_READ | PROT_WRITE) == -1 && errno == EACCES, "mprotect PROT_WRITE: EACCES");
    SHOW("mapped at %p pid %d", s, getpid());
    munmap(s, 4096);
    close(ro);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
