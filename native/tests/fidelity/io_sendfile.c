/* io_sendfile: sendfile copies from a file to a pipe and to a file: with an offset pointer the
 * kernel updates *offset and leaves the file offset alone; without one it moves the file offset;
 * a count past the end is short; a write-only source is EBADF. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/sendfile.h>
#include <unistd.h>

int main(void)
{
    char src[] = "/tmp/fid-sf-src-XXXXXX", dst[] = "/tmp/fid-sf-dst-XXXXXX";
    int in = mkstemp(src), out = mkstemp(dst);
    OK(in >= 0 && out >= 0, "mkstemp twice");
    unsigned char data[5000], back[5000];
    getrandom(data, sizeof data, 0);
    OK(write(in, data, sizeof data) == sizeof data, "write the source");
    off_t off = 1000;
    OK(sendfile(out, in, &off, 3000) == 3000, "sendfile 3000 bytes from offset 1000");
    OK(off == 4000, "the kernel updated *offset to 4000");
    OK(lseek(in, 0, SEEK_CUR) == 5000, "the source's file offset did not move");
    OK(pread(out, back, sizeof back, 0) == 3000 && memcmp(back, data + 1000, 3000) == 0, "destination holds the bytes");
    lseek(in, 4500, SEEK_SET);
    int p[2];
    pipe(p);
    OK(sendfile(p[1], in, NULL, 4096) == 500, "sendfile without offset to a pipe is short at end of file");
    OK(lseek(in, 0, SEEK_CUR) == 5000, "without offset the file offset moved");
    OK(read(p[0], back, sizeof back) == 500 && memcmp(back, data + 4500, 500) == 0, "the pipe holds the tail");
    SHOW("random %02x%02x%02x", back[0], back[1], back[2]);
    int wo = open(src, O_WRONLY);
    errno = 0;
    OK(sendfile(out, wo, NULL, 10) == -1 && errno == EBADF, "write-only source: EBADF");
    close(wo);
    close(p[0]);
    close(p[1]);
    close(in);
    close(out);
    OK(unlink(src) == 0 && unlink(dst) == 0, "cleanup");
    return FIDELITY_END();
}
