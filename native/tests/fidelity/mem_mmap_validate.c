/* mem_mmap_validate: MAP_SHARED_VALIDATE checks flags: MAP_SYNC on a file that is not DAX
 * EOPNOTSUPP, plain MAP_SHARED_VALIDATE maps like MAP_SHARED (a store reaches the file); a mapping
 * type of neither MAP_SHARED nor MAP_PRIVATE is EINVAL; MAP_32BIT maps below 2 GiB. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif

int main(void)
{
    char path[] = "/tmp/fid-mapval-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 4096) == 0, "a one-page file");
    errno = 0;
    OK(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0) == MAP_FAILED && errno == EOPNOTSUPP,
       "MAP_SYNC on a non-DAX file: EOPNOTSUPP");
    char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE, fd, 0);
    OK(m != MAP_FAILED, "MAP_SHARED_VALIDATE maps");
    char stamp[32], back[32] = {0};
    int len = snprintf(stamp, sizeof stamp, "pid %d", getpid());
    memcpy(m, stamp, len);
    OK(pread(fd, back, len, 0) == len && memcmp(back, stamp, len) == 0, "a store reaches the file");
    errno = 0;
    OK(mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
       "no mapping type: EINVAL");
    char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    OK(low != MAP_FAILED && (uintptr_t)low < (2ull << 30), "MAP_32BIT maps below 2 GiB");
    SHOW("%s", back);
    munmap(low, 4096);
    munmap(m, 4096);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
