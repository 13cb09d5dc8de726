/* output_check.c: see output_check.h. */
#include "output_check.h"

#include <sys/syscall.h>
#include <sys/uio.h>

static bool append(struct tracee *t, uint64_t addr, uint64_t len, struct buf *out)
{
    if (len > (1ull << 31))
        return false;
    buf_reserve(out, len);
    if (tracee_read(t, addr, out->data + out->len, len) < 0)
        return false;
    out->len += len;
    return true;
}

bool output_bytes(struct tracee *t, long nr, const uint64_t args[6], int64_t result, struct buf *out)
{
    if (result <= 0)
        return false;
    switch (nr) {
    case SYS_write:
    case SYS_pwrite64:
    case SYS_sendto:
        return append(t, args[1], (uint64_t)result, out);
    case SYS_writev:
    case SYS_pwritev:
    case SYS_pwritev2: {
        uint64_t left = (uint64_t)result;
        for (uint64_t i = 0; i < args[2] && left; i++) {
            struct iovec iov;
            if (tracee_read(t, args[1] + i * sizeof iov, &iov, sizeof iov) < 0)
                return false;
            uint64_t n = iov.iov_len < left ? iov.iov_len : left;
            if (!append(t, (uint64_t)iov.iov_base, n, out))
                return false;
            left -= n;
        }
        return true;
    }
    default:
        return false;
    }
}

bool output_checksum(struct tracee *t, long nr, const uint64_t args[6], int64_t result,
                     uint32_t *crc)
{
    struct buf bytes = {0};
    bool ok = output_bytes(t, nr, args, result, &bytes);
    if (ok)
        *crc = crc32c(0, bytes.data, bytes.len);
    buf_free(&bytes);
    return ok;
}
