/* getrandom: random bytes straight from the kernel (getrandom syscall, with and without
 * GRND_NONBLOCK), plus getentropy and arc4random where glibc has it. Replay must return the
 * recorded bytes, not fresh ones. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

static void hex(const char *label, const unsigned char *b, size_t n) {
    printf("%s:", label);
    for (size_t i = 0; i < n; i++)
        printf("%02x", b[i]);
    printf("\n");
}

int main(void) {
    unsigned char buf[32];
    ssize_t n = getrandom(buf, sizeof buf, 0);
    printf("getrandom returned %zd\n", n);
    hex("bytes", buf, sizeof buf);
    n = getrandom(buf, 16, GRND_NONBLOCK);
    printf("getrandom nonblock returned %zd\n", n);
    hex("bytes", buf, 16);
    unsigned char big[4096];
    n = getrandom(big, sizeof big, 0);
    unsigned sum = 0;
    for (int i = 0; i < (int)sizeof big; i++)
        sum = sum * 31 + big[i];
    printf("4096 bytes returned %zd, hash %08x\n", n, sum);
    if (getentropy(buf, 8) == 0)
        hex("getentropy", buf, 8);
    return 0;
}
