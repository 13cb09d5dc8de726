/* io_read_write: read and write on a regular file: short reads at end of file, read at EOF is 0,
 * the bytes read are the bytes written, EBADF on a closed fd, EFAULT on a bad buffer, EISDIR on a
 * directory, a zero-length write is 0. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-rw-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    unsigned char data[3000], back[4096];
    void *volatile bad = (void *)8;
    OK(getrandom(data, sizeof data, 0) == sizeof data, "getrandom");
    OK(write(fd, data, sizeof data) == sizeof data, "write 3000 bytes");
    OK(write(fd, data, 0) == 0, "zero-length write is 0");
    OK(lseek(fd, 0, SEEK_SET) == 0, "lseek to 0");
    OK(read(fd, back, 1000) == 1000, "read 1000");
    OK(read(fd, back + 1000, sizeof back - 1000) == 2000, "short read of the remaining 2000");
    OK(memcmp(data, back, sizeof data) == 0, "the bytes read are the bytes written");
    OK(read(fd, back, sizeof back) == 0, "read at end of file is 0");
    SHOW("random %02x%02x%02x%02x", back[0], back[1], back[2], back[3]);
    OK(read(fd, bad, 10) == 0, "read at end of file into a bad buffer is 0 (nothing copied)");
    lseek(fd, 0, SEEK_SET);
    errno = 0;
    OK(read(fd, bad, 10) == -1 && errno == EFAULT, "read of data into a bad buffer: EFAULT");
    close(fd);
    errno = 0;
    OK(read(fd, back, 1) == -1 && errno == EBADF, "read on a closed fd: EBADF");
    int dfd = open("/tmp", O_RDONLY);
    errno = 0;
    OK(read(dfd, back, 1) == -1 && errno == EISDIR, "read on a directory: EISDIR");
    close(dfd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
