/* mem_memfd_shared_map: a memfd mapped MAP_SHARED: the program's stores through the mapping are
 * read back by read() and by a second MAP_SHARED mapping of the same memfd; MFD_NOEXEC_SEAL (6.3+)
 * or EINVAL; MFD_HUGETLB works or fails (ENOMEM/EINVAL, accepted). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif

int main(void)
{
    int fd = memfd_create("fid-shared", 0);
    OK(fd >= 0 && ftruncate(fd, 8192) == 0, "an 8 KiB memfd");
    unsigned char *a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    unsigned char *b = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    OK(a != MAP_FAILED && b != MAP_FAILED && a != b, "two shared mappings");
    unsigned char r[32], back[32];
    getrandom(r, sizeof r, 0);
    memcpy(a + 5000, r, sizeof r);
    OK(memcmp(b + 5000, r, sizeof r) == 0, "the second mapping sees the store");
    OK(pread(fd, back, sizeof back, 5000) == sizeof back && memcmp(back, r, sizeof r) == 0, "read() sees the store");
    int nx = memfd_create("fid-noexec", MFD_NOEXEC_SEAL);
    OK(nx >= 0 ? (fcntl(nx, F_GET_SEALS) & F_SEAL_EXEC) != 0 : errno == EINVAL, "MFD_NOEXEC_SEAL seals exec (or EINVAL)");
    int h = memfd_create("fid-huge", MFD_HUGETLB);
    OK(h >= 0 || errno == EINVAL || errno == ENOMEM || errno == ENOENT, "MFD_HUGETLB answered");
    SHOW("random %02x%02x%02x", back[0], back[1], back[2]);
    munmap(a, 8192);
    munmap(b, 8192);
    close(fd);
    return FIDELITY_END();
}
