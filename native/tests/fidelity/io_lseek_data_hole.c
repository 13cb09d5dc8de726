/* io_lseek_data_hole: lseek SEEK_SET/CUR/END and, on a sparse file, SEEK_DATA/SEEK_HOLE find the
 * data and the holes (a file system without hole tracking reports the whole file as data: both are
 * accepted); SEEK_DATA past the end is ENXIO, a negative result EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-seek-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    const off_t mib = 1 << 20;
    OK(pwrite(fd, "data", 4, mib) == 4, "write 4 bytes at 1 MiB");
    OK(ftruncate(fd, 3 * mib) == 0, "extend to 3 MiB");
    OK(lseek(fd, 0, SEEK_END) == 3 * mib, "SEEK_END");
    OK(lseek(fd, -10, SEEK_CUR) == 3 * mib - 10, "SEEK_CUR backwards");
    errno = 0;
    OK(lseek(fd, -1, SEEK_SET) == -1 && errno == EINVAL, "negative offset: EINVAL");
    off_t data = lseek(fd, 0, SEEK_DATA);
    OK(data == mib || data == 0, "SEEK_DATA from 0 finds the data (or 0 without hole tracking)");
    off_t hole = lseek(fd, data, SEEK_HOLE);
    OK(hole > data && hole <= 3 * mib, "SEEK_HOLE after the data");
    OK(lseek(fd, 3 * mib - 1, SEEK_HOLE) == 3 * mib - 1 || lseek(fd, 3 * mib - 1, SEEK_HOLE) == 3 * mib,
       "SEEK_HOLE in the trailing hole");
    errno = 0;
    OK(lseek(fd, 3 * mib, SEEK_DATA) == -1 && errno == ENXIO, "SEEK_DATA at end: ENXIO");
    struct stat st;
    fstat(fd, &st);
    SHOW("data %ld hole %ld blocks %ld inode %lu", (long)data, (long)hole, (long)st.st_blocks, (unsigned long)st.st_ino);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
