/* mem_mmap_file_shared_store: the program's own stores to a MAP_SHARED file mapping reach the file:
 * pread sees them, msync(MS_SYNC) succeeds, a second mapping of the same file sees them; stores
 * past the end of file in the last page do not extend it. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-mms-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 6000) == 0, "a 6000-byte file");
    unsigned char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    OK(m != MAP_FAILED, "MAP_SHARED");
    unsigned char r[32];
    getrandom(r, sizeof r, 0);
    memcpy(m + 5000, r, sizeof r);
    m[7000] = 7;
    OK(msync(m, 8192, MS_SYNC) == 0, "msync MS_SYNC");
    unsigned char back[32];
    OK(pread(fd, back, sizeof back, 5000) == sizeof back && memcmp(back, r, sizeof r) == 0, "pread sees the stores");
    unsigned char *n = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    OK(n != MAP_FAILED && memcmp(n + 5000, r, sizeof r) == 0, "a second mapping sees them");
    struct stat st;
    OK(fstat(fd, &st) == 0 && st.st_size == 6000, "a store past the end does not extend the file");
    SHOW("random %02x%02x%02x", back[0], back[1], back[2]);
    munmap(n, 8192);
    munmap(m, 8192);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
