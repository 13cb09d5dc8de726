/* mem_mmap_file_private: a MAP_PRIVATE file mapping shows the file's bytes, stores to it are not
 * written back (copy on write), a mapping at an offset shows that page, bytes past the end of file
 * in the last page read as zeros, a write-only fd EACCES, an unaligned offset EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-mmp-XXXXXX";
    int fd = mkstemp(path);
    static unsigned char data[3 * 4096 + 100];
    getrandom(data, sizeof data, 0);
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "write 3 pages + 100 bytes");
    unsigned char *m = mmap(NULL, sizeof data, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    OK(m != MAP_FAILED && memcmp(m, data, sizeof data) == 0, "the mapping shows the file");
    OK(m[sizeof data] == 0 && m[4 * 4096 - 1] == 0, "past the end in the last page: zeros");
    m[0] ^= 0xff;
    unsigned char first;
    OK(pread(fd, &first, 1, 0) == 1 && first == data[0], "a store is not written back");
    unsigned char *o = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 2 * 4096);
    OK(o != MAP_FAILED && memcmp(o, data + 2 * 4096, 4096) == 0, "offset 2 pages shows the third page");
    int wo = open(path, O_WRONLY);
    errno = 0;
    OK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, wo, 0) == MAP_FAILED && errno == EACCES, "write-only fd: EACCES");
    errno = 0;
    OK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 100) == MAP_FAILED && errno == EINVAL, "unaligned offset: EINVAL");
    SHOW("bytes %02x%02x%02x", m[1], m[2], o[0]);
    munmap(m, sizeof data);
    munmap(o, 4096);
    close(wo);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
