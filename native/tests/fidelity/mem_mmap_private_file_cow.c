/* mem_mmap_private_file_cow: a MAP_PRIVATE file mapping: a store makes a private copy of that page
 * only; MADV_DONTNEED drops the copy (the page shows the file again); closing the fd keeps the
 * mapping; the mapping outlives the file's unlink. (mprotect PROT_WRITE of a shared mapping of a
 * read-only fd: fidelity-pending/mem_mprotect_shared_readonly.) */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-cow-XXXXXX";
    int fd = mkstemp(path);
    static unsigned char data[2 * 4096];
    getrandom(data, sizeof data, 0);
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "a 2-page file");
    unsigned char *m = mmap(NULL, sizeof data, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    OK(m != MAP_FAILED && memcmp(m, data, sizeof data) == 0, "mapped; the fd closed");
    m[0] ^= 0xff;
    OK(m[0] == (unsigned char)(data[0] ^ 0xff) && memcmp(m + 4096, data + 4096, 4096) == 0, "a private copy of page 0 only");
    OK(madvise(m, 4096, MADV_DONTNEED) == 0 && m[0] == data[0], "MADV_DONTNEED: the file's byte again");
    OK(unlink(path) == 0 && m[4096] == data[4096], "the mapping outlives the unlink");
    SHOW("bytes %02x%02x", m[0], m[4096]);
    munmap(m, sizeof data);
    return FIDELITY_END();
}
