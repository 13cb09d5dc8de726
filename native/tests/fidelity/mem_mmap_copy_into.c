/* mem_mmap_copy_into: copy_file_range, sendfile and splice into a file mapped MAP_SHARED (and
 * privately, untouched): both mappings show the copied bytes at once. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/sendfile.h>
#include <unistd.h>

int main(void)
{
    char src[] = "/tmp/fid-mcpi-src-XXXXXX", dst[] = "/tmp/fid-mcpi-dst-XXXXXX";
    int in = mkstemp(src), out = mkstemp(dst);
    unsigned char r[64];
    getrandom(r, sizeof r, 0);
    for (int i = 0; i < 64; i++)
        r[i] |= 1;
    OK(in >= 0 && out >= 0 && write(in, r, sizeof r) == sizeof r, "a source of 64 random bytes");
    OK(ftruncate(out, 4096) == 0, "a one-page destination");
    volatile unsigned char *s = mmap(NULL, 4096, PROT_READ, MAP_SHARED, out, 0);
    volatile unsigned char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, out, 0);
    OK(s != MAP_FAILED && p != MAP_FAILED, "destination mapped shared and private");
    loff_t from = 0, to = 0;
    OK(copy_file_range(in, &from, out, &to, 16, 0) == 16, "copy_file_range 16 bytes");
    OK(s[0] == r[0] && s[15] == r[15] && p[15] == r[15], "both mappings show them");
    off_t off = 16;
    lseek(out, 100, SEEK_SET);
    OK(sendfile(out, in, &off, 16) == 16, "sendfile 16 bytes at 100");
    OK(s[100] == r[16] && p[115] == r[31], "both mappings show them");
    int pipefd[2];
    OK(pipe(pipefd) == 0 && write(pipefd[1], r + 32, 32) == 32, "32 bytes in a pipe");
    loff_t at = 200;
    OK(splice(pipefd[0], NULL, out, &at, 32, 0) == 32, "splice them to 200");
    OK(s[200] == r[32] && p[231] == r[63], "both mappings show them");
    SHOW("bytes %02x%02x%02x", s[0], s[100], s[200]);
    munmap((void *)s, 4096);
    munmap((void *)p, 4096);
    close(in);
    close(out);
    OK(unlink(src) == 0 && unlink(dst) == 0, "cleanup");
    return FIDELITY_END();
}
