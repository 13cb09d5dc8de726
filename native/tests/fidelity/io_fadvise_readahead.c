/* io_fadvise_readahead: posix_fadvise (NORMAL, SEQUENTIAL, RANDOM, WILLNEED, DONTNEED, NOREUSE)
 * answers 0 on a file, ESPIPE on a pipe, EINVAL for a bad advice; readahead answers 0 on a file
 * and EINVAL on a pipe; reading afterwards returns the file's bytes. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-fadv-XXXXXX";
    int fd = mkstemp(path);
    static unsigned char data[65536], back[65536];
    getrandom(data, sizeof data, 0);
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "a 64 KiB file");
    int advice[] = {POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM, POSIX_FADV_WILLNEED,
                    POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
    int all = 1;
    for (unsigned i = 0; i < sizeof advice / sizeof advice[0]; i++)
        all &= posix_fadvise(fd, 0, 0, advice[i]) == 0;
    OK(all, "every advice answers 0");
    OK(posix_fadvise(fd, 0, 0, 99) == EINVAL, "bad advice: EINVAL");
    int p[2];
    pipe(p);
    OK(posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL) == ESPIPE, "a pipe: ESPIPE");
    OK(readahead(fd, 0, sizeof data) == 0, "readahead");
    errno = 0;
    OK(readahead(p[0], 0, 100) == -1 && errno == EINVAL, "readahead on a pipe: EINVAL");
    OK(pread(fd, back, sizeof back, 0) == sizeof back && memcmp(back, data, sizeof data) == 0, "reads return the file");
    SHOW("random %02x%02x%02x", back[0], back[1], back[2]);
    close(p[0]);
    close(p[1]);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
