/* mmap_sparse: maps a 1 TiB memfd and a 100 GiB sparse file, each holding a few random bytes at
 * scattered offsets, and reads them back through the mappings. The recording must keep only what
 * exists (the data, not the holes): a trace of a few pages, not of a terabyte. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

static int fill(int fd, uint64_t size, const uint64_t *offsets, int n, unsigned char *values)
{
    if (ftruncate(fd, (off_t)size) < 0)
        return -1;
    getrandom(values, (size_t)n, 0);
    for (int i = 0; i < n; i++)
        if (pwrite(fd, &values[i], 1, (off_t)offsets[i]) != 1)
            return -1;
    return 0;
}

static int check(const char *what, int fd, uint64_t size, const uint64_t *offsets, int n,
                 const unsigned char *values)
{
    unsigned char *m = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    unsigned sum = 0;
    int ok = 1;
    for (int i = 0; i < n; i++) {
        ok &= m[offsets[i]] == values[i];
        sum = sum * 31 + m[offsets[i]];
    }
    ok &= m[4096] == 0 && m[size - 1 - 4096] == 0;
    printf("%s: %s, bytes %u\n", what, ok ? "ok" : "WRONG", sum);
    munmap(m, size);
    return !ok;
}

int main(void)
{
    const uint64_t tib = 1ull << 40, big = 100ull << 30;
    uint64_t at_tib[] = {0, 12345, 1ull << 30, 500ull << 30, tib - 1};
    uint64_t at_big[] = {7, 3ull << 30, big - 2};
    unsigned char v1[5], v2[3];

    int mfd = memfd_create("rewind-sparse", 0);
    if (mfd < 0 || fill(mfd, tib, at_tib, 5, v1) < 0) {
        perror("memfd");
        return 1;
    }
    char path[] = "/tmp/rewind-sparse-XXXXXX";
    int ffd = mkstemp(path);
    if (ffd < 0 || fill(ffd, big, at_big, 3, v2) < 0) {
        perror("sparse file");
        return 1;
    }
    unlink(path);
    int bad = check("1 TiB memfd", mfd, tib, at_tib, 5, v1);
    bad |= check("100 GiB sparse file", ffd, big, at_big, 3, v2);
    return bad;
}
