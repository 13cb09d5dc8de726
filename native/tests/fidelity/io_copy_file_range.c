/* io_copy_file_range: copy_file_range with both offset pointers (the kernel updates them, the
 * file offsets stay), without them (the file offsets move), a short copy at end of file, overlapping
 * ranges of the same file EINVAL, nonzero flags EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char src[] = "/tmp/fid-cfr-a-XXXXXX", dst[] = "/tmp/fid-cfr-b-XXXXXX";
    int in = mkstemp(src), out = mkstemp(dst);
    unsigned char data[8192], back[8192];
    getrandom(data, sizeof data, 0);
    OK(in >= 0 && out >= 0 && write(in, data, sizeof data) == sizeof data, "write the source");
    loff_t oi = 100, oo = 50;
    OK(copy_file_range(in, &oi, out, &oo, 4000, 0) == 4000, "copy 4000 bytes with offsets");
    OK(oi == 4100 && oo == 4050, "the kernel updated both offsets");
    OK(lseek(in, 0, SEEK_CUR) == 8192 && lseek(out, 0, SEEK_CUR) == 0, "the file offsets did not move");
    OK(pread(out, back, 4000, 50) == 4000 && memcmp(back, data + 100, 4000) == 0, "the copy is exact");
    lseek(in, 8000, SEEK_SET);
    lseek(out, 10, SEEK_SET);
    OK(copy_file_range(in, NULL, out, NULL, 1000, 0) == 192, "short copy at end of file");
    OK(lseek(in, 0, SEEK_CUR) == 8192 && lseek(out, 0, SEEK_CUR) == 202, "the file offsets moved");
    SHOW("random %02x%02x%02x", back[0], back[1], back[2]);
    loff_t a = 0, b = 100;
    errno = 0;
    OK(copy_file_range(in, &a, in, &b, 1000, 0) == -1 && errno == EINVAL, "overlapping ranges: EINVAL");
    errno = 0;
    OK(copy_file_range(in, &a, out, &b, 10, 1) == -1 && errno == EINVAL, "flags: EINVAL");
    close(in);
    close(out);
    OK(unlink(src) == 0 && unlink(dst) == 0, "cleanup");
    return FIDELITY_END();
}
