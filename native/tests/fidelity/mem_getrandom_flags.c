/* mem_getrandom_flags: getrandom fills the buffer (two calls differ), GRND_NONBLOCK and GRND_RANDOM
 * answer with bytes (or EAGAIN), GRND_INSECURE (5.6+) works or EINVAL, unknown flags EINVAL, a bad
 * buffer EFAULT, a 0-byte request 0. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/random.h>
#include <unistd.h>

#ifndef GRND_INSECURE
#define GRND_INSECURE 4
#endif

int main(void)
{
    unsigned char a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    OK(getrandom(a, sizeof a, 0) == sizeof a, "getrandom 64 bytes");
    OK(getrandom(b, sizeof b, 0) == sizeof b && memcmp(a, b, sizeof a) != 0, "two calls differ");
    ssize_t n = getrandom(b, 16, GRND_NONBLOCK);
    OK(n == 16 || (n == -1 && errno == EAGAIN), "GRND_NONBLOCK: bytes or EAGAIN");
    n = getrandom(b, 16, GRND_RANDOM | GRND_NONBLOCK);
    OK(n > 0 || (n == -1 && errno == EAGAIN), "GRND_RANDOM: bytes or EAGAIN");
    n = getrandom(b, 16, GRND_INSECURE);
    OK(n == 16 || (n == -1 && errno == EINVAL), "GRND_INSECURE: bytes or EINVAL");
    errno = 0;
    OK(getrandom(b, 16, GRND_INSECURE | GRND_RANDOM) == -1 && errno == EINVAL, "INSECURE|RANDOM: EINVAL");
    errno = 0;
    OK(getrandom(b, 16, 0x100) == -1 && errno == EINVAL, "unknown flag: EINVAL");
    void *volatile bad = (void *)16;
    errno = 0;
    OK(getrandom(bad, 16, 0) == -1 && errno == EFAULT, "bad buffer: EFAULT");
    OK(getrandom(b, 0, 0) == 0, "0 bytes: 0");
    SHOW("random %02x%02x%02x%02x %02x%02x", a[0], a[1], a[2], a[3], b[0], b[1]);
    return FIDELITY_END();
}
