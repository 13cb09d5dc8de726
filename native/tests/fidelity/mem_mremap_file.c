/* mem_mremap_file: mremap of a private file mapping: growing it (MREMAP_MAYMOVE) maps more of the
 * file (the new pages show the file's bytes there), shrinking keeps the head, moving keeps the
 * program's own stores (copy-on-write pages move with the mapping). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-mremapf-XXXXXX";
    int fd = mkstemp(path);
    static unsigned char data[6 * 4096];
    getrandom(data, sizeof data, 0);
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "a 6-page file");
    unsigned char *m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    OK(m != MAP_FAILED && memcmp(m, data, 2 * 4096) == 0, "map its first 2 pages");
    m[10] ^= 0xff;
    unsigned char *g = mremap(m, 2 * 4096, 6 * 4096, MREMAP_MAYMOVE);
    OK(g != MAP_FAILED, "grow to 6 pages");
    OK(memcmp(g + 2 * 4096, data + 2 * 4096, 4 * 4096) == 0, "the new pages show the file");
    OK(g[10] == (unsigned char)(data[10] ^ 0xff) && g[11] == data[11], "our store moved with the mapping");
    OK(mremap(g, 6 * 4096, 3 * 4096, 0) == g && memcmp(g + 4096, data + 4096, 4096) == 0, "shrink to 3 pages");
    SHOW("bytes %02x%02x at %p", g[4096], g[4097], (void *)g);
    munmap(g, 3 * 4096);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
