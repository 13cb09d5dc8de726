/* output_check.c: see output_check.h. */
#include "output_check.h"
#include "util.h"

#include <sys/syscall.h>
#include <sys/uio.h>

static bool crc_range(struct tracee *t, uint64_t addr, uint64_t len, uint32_t *crc)
{
    uint8_t chunk[16384];
    while (len) {
        size_t n = len < sizeof chunk ? len : sizeof chunk;
        if (tracee_read(t, addr, chunk, n) < 0)
            return false;
        *crc = crc32c(*crc, chunk, n);
        addr += n;
        len -= n;
    }
    return true;
}

bool output_checksum(struct tracee *t, long nr, const uint64_t args[6], int64_t result,
                     uint32_t *crc)
{
    if (result <= 0)
        return false;
    *crc = 0;
    switch (nr) {
    case SYS_write:
    case SYS_pwrite64:
    case SYS_sendto:
        return crc_range(t, args[1], (uint64_t)result, crc);
    case SYS_writev:
    case SYS_pwritev:
    case SYS_pwritev2: {
        uint64_t left = (uint64_t)result;
        for (uint64_t i = 0; i < args[2] && left; i++) {
            struct iovec iov;
            if (tracee_read(t, args[1] + i * sizeof iov, &iov, sizeof iov) < 0)
                return false;
            uint64_t n = iov.iov_len < left ? iov.iov_len : left;
            if (!crc_range(t, (uint64_t)iov.iov_base, n, crc))
                return false;
            left -= n;
        }
        return true;
    }
    default:
        return false;
    }
}
