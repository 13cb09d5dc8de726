/* mem_mmap_devzero: mapping /dev/zero: MAP_PRIVATE reads zeros and takes stores; MAP_SHARED gives
 * shared anonymous memory (stores stick, the mapping shows as /dev/zero (deleted) or similar in maps);
 * reading /dev/zero fills a buffer with zeros, writing /dev/null accepts anything, /dev/full ENOSPC. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    int z = open("/dev/zero", O_RDWR);
    OK(z >= 0, "open /dev/zero");
    unsigned char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0);
    OK(p != MAP_FAILED && p[0] == 0 && p[8191] == 0, "MAP_PRIVATE of /dev/zero reads zeros");
    unsigned char r[8];
    getrandom(r, sizeof r, 0);
    memcpy(p + 100, r, sizeof r);
    OK(memcmp(p + 100, r, sizeof r) == 0, "and takes stores");
    unsigned char *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, z, 0);
    OK(s != MAP_FAILED && s[10] == 0, "MAP_SHARED of /dev/zero");
    s[10] = 42;
    OK(s[10] == 42, "stores stick");
    unsigned char buf[100];
    memset(buf, 0xff, sizeof buf);
    int zero = 1;
    OK(read(z, buf, sizeof buf) == sizeof buf, "read /dev/zero");
    for (unsigned i = 0; i < sizeof buf; i++)
        zero &= buf[i] == 0;
    OK(zero, "the buffer is zeros");
    int n = open("/dev/null", O_WRONLY);
    OK(write(n, r, sizeof r) == sizeof r, "/dev/null takes writes");
    OK(read(open("/dev/null", O_RDONLY), buf, 10) == 0, "/dev/null reads EOF");
    int f = open("/dev/full", O_WRONLY);
    errno = 0;
    OK(f < 0 || (write(f, r, 1) == -1 && errno == ENOSPC), "/dev/full: ENOSPC");
    SHOW("random %02x%02x%02x", p[100], p[101], p[102]);
    munmap(p, 8192);
    munmap(s, 4096);
    return FIDELITY_END();
}
