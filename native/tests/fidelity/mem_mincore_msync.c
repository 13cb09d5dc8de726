/* mem_mincore_msync: mincore reports touched anonymous pages resident and untouched ones not (fresh
 * anonymous memory), a file mapping's pages after reading; msync MS_ASYNC/MS_SYNC/MS_INVALIDATE
 * answer 0 on a shared file mapping; msync MS_ASYNC|MS_SYNC EINVAL; mincore on unmapped memory ENOMEM. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    size_t pg = 4096;
    char *a = mmap(NULL, 8 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    a[0] = 1;
    a[5 * pg] = 1;
    unsigned char vec[8];
    memset(vec, 0xee, sizeof vec);
    OK(mincore(a, 8 * pg, vec) == 0, "mincore on anonymous memory");
    OK((vec[0] & 1) && (vec[5] & 1) && !(vec[1] & 1) && !(vec[7] & 1), "touched pages resident, untouched not");
    OK((vec[0] & ~1) == 0, "only bit 0 is used");
    char path[] = "/tmp/fid-mincore-XXXXXX";
    int fd = mkstemp(path);
    ftruncate(fd, 4 * pg);
    char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    OK(m != MAP_FAILED, "a shared file mapping");
    m[0] = 'x';
    m[3 * pg] = 'y';
    OK(mincore(m, 4 * pg, vec) == 0 && (vec[0] & 1) && (vec[3] & 1), "written file pages are resident");
    OK(msync(m, 4 * pg, MS_ASYNC) == 0 && msync(m, 4 * pg, MS_SYNC) == 0 && msync(m, pg, MS_INVALIDATE) == 0,
       "msync MS_ASYNC, MS_SYNC, MS_INVALIDATE");
    errno = 0;
    OK(msync(m, pg, MS_ASYNC | MS_SYNC) == -1 && errno == EINVAL, "MS_ASYNC|MS_SYNC: EINVAL");
    munmap(a + 6 * pg, 2 * pg);
    errno = 0;
    OK(mincore(a + 6 * pg, pg, vec) == -1 && errno == ENOMEM, "unmapped: ENOMEM");
    SHOW("mapped at %p", (void *)m);
    munmap(m, 4 * pg);
    munmap(a, 6 * pg);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
