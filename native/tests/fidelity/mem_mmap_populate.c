/* mem_mmap_populate: MAP_POPULATE prefaults a file mapping (mincore says every page is resident
 * and the bytes are the file's), MAP_NORESERVE maps far more than is touched, MAP_LOCKED maps (or
 * EAGAIN/EPERM under a small RLIMIT_MEMLOCK), MAP_STACK and MAP_GROWSDOWN map. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-pop-XXXXXX";
    int fd = mkstemp(path);
    static unsigned char data[8 * 4096];
    getrandom(data, sizeof data, 0);
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "an 8-page file");
    unsigned char *m = mmap(NULL, sizeof data, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    OK(m != MAP_FAILED, "MAP_POPULATE");
    unsigned char vec[8];
    memset(vec, 0xee, sizeof vec);
    OK(mincore(m, sizeof data, vec) == 0, "mincore");
    int all = 1;
    for (int i = 0; i < 8; i++)
        all &= vec[i] & 1;
    OK(all, "every page is resident");
    OK(memcmp(m, data, sizeof data) == 0, "the bytes are the file's");
    size_t huge = (size_t)64 << 30;
    char *nr = mmap(NULL, huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    OK(nr != MAP_FAILED, "MAP_NORESERVE 64 GiB");
    nr[huge - 1] = 1;
    nr[0] = 2;
    OK(nr[huge - 1] == 1 && nr[0] == 2, "its ends are usable");
    munmap(nr, huge);
    char *lk = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
    OK(lk != MAP_FAILED || errno == EAGAIN || errno == EPERM, "MAP_LOCKED answered");
    char *st = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_GROWSDOWN, -1, 0);
    OK(st != MAP_FAILED, "MAP_STACK | MAP_GROWSDOWN");
    st[16 * 4096 - 1] = 3;
    SHOW("bytes %02x%02x mapped at %p", m[0], m[1], (void *)m);
    munmap(m, sizeof data);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
