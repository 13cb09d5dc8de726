/* large_writes: several MB written to stdout in chunks of varied sizes (write and fwrite), the
 * content derived from a random seed, then a checksum line; some bytes to stderr too. Replay
 * must reproduce every byte, in order, including partial writes. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

int main(void) {
    uint64_t seed;
    getrandom(&seed, sizeof seed, 0);
    static char buf[1 << 17];
    uint64_t x = seed | 1, sum = 0;
    size_t total = 0;
    for (int chunk = 0; total < (6u << 20); chunk++) {
        size_t len = 1000 + (chunk * 7919) % (sizeof buf - 1000);
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            buf[i] = (i % 64 == 63) ? '\n' : 'a' + (x % 26);
        }
        for (size_t i = 0; i < len; i++)
            sum = sum * 1099511628211ULL + (unsigned char)buf[i];
        size_t off = 0;
        while (off < len) {
            ssize_t n = write(1, buf + off, len - off);
            if (n <= 0)
                return 1;
            off += n;
        }
        total += len;
        if (chunk % 16 == 0)
            fprintf(stderr, "chunk %d total %zu\n", chunk, total);
    }
    fwrite("\nfwrite tail\n", 1, 13, stdout);
    printf("seed %016llx total %zu checksum %016llx\n", (unsigned long long)seed, total,
           (unsigned long long)sum);
    return 0;
}
