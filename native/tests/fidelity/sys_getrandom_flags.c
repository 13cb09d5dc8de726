/* sys_getrandom_flags: getrandom fills the buffer with random bytes (two calls differ, the
 * buffer's tail past the count is untouched), GRND_NONBLOCK and GRND_INSECURE work once the pool
 * is initialized, 0 bytes returns 0, GRND_RANDOM|GRND_INSECURE and unknown flags are EINVAL, a
 * bad buffer is EFAULT. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef GRND_INSECURE
#define GRND_INSECURE 4
#endif

int main(void)
{
    unsigned char a[64], b[64];
    memset(a, 0xee, sizeof a);
    memset(b, 0xee, sizeof b);
    OK(getrandom(a, 48, 0) == 48, "48 bytes");
    OK(a[48] == 0xee && a[63] == 0xee, "the tail is untouched");
    OK(getrandom(b, 48, GRND_NONBLOCK) == 48 && memcmp(a, b, 48) != 0, "GRND_NONBLOCK: other bytes");
    OK(getrandom(b, 16, GRND_INSECURE) == 16, "GRND_INSECURE");
    OK(getrandom(b, 0, 0) == 0, "0 bytes: 0");
    errno = 0;
    OK(getrandom(b, 8, GRND_RANDOM | GRND_INSECURE) == -1 && errno == EINVAL, "RANDOM|INSECURE: EINVAL");
    errno = 0;
    OK(getrandom(b, 8, 0x100) == -1 && errno == EINVAL, "unknown flag: EINVAL");
    errno = 0;
    OK(syscall(SYS_getrandom, (void *)8, 8, 0) == -1 && errno == EFAULT, "bad buffer: EFAULT");
    SHOW("%02x%02x%02x%02x%02x%02x%02x%02x", a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    return FIDELITY_END();
}
