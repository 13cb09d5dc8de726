/* fs_file_ioctls: ioctls on files: FIONREAD on a regular file gives the bytes left after the
 * offset, on a pipe the bytes queued; FIGETBSZ the block size (as statfs says, or stat's
 * st_blksize); FS_IOC_GETFLAGS answers (or ENOTTY/EOPNOTSUPP on file systems without it); FIONBIO
 * sets O_NONBLOCK; FIOCLEX sets FD_CLOEXEC; an unknown request on a file ENOTTY. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-ioctl-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && write(fd, "0123456789", 10) == 10, "a 10-byte file");
    lseek(fd, 3, SEEK_SET);
    int n = -1;
    OK(ioctl(fd, FIONREAD, &n) == 0 && n == 7, "FIONREAD on a file: 7 bytes after the offset");
    int p[2];
    pipe(p);
    char stamp[32];
    int len = snprintf(stamp, sizeof stamp, "%d", getpid());
    write(p[1], stamp, len);
    OK(ioctl(p[0], FIONREAD, &n) == 0 && n == len, "FIONREAD on a pipe: the bytes queued");
    int bsz = -1;
    struct stat st;
    fstat(fd, &st);
    OK(ioctl(fd, FIGETBSZ, &bsz) == 0 && bsz > 0 && bsz == st.st_blksize, "FIGETBSZ: the block size");
    long flags = -1;
    int r = ioctl(fd, FS_IOC_GETFLAGS, &flags);
    OK(r == 0 || errno == ENOTTY || errno == EOPNOTSUPP, "FS_IOC_GETFLAGS answered");
    int on = 1;
    OK(ioctl(p[0], FIONBIO, &on) == 0 && (fcntl(p[0], F_GETFL) & O_NONBLOCK), "FIONBIO sets O_NONBLOCK");
    OK(ioctl(fd, FIOCLEX) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "FIOCLEX sets FD_CLOEXEC");
    OK(ioctl(fd, FIONCLEX) == 0 && fcntl(fd, F_GETFD) == 0, "FIONCLEX clears it");
    errno = 0;
    OK(ioctl(fd, _IO('z', 99)) == -1 && errno == ENOTTY, "an unknown request: ENOTTY");
    SHOW("queued %d, flags %lx", n, flags);
    close(p[0]);
    close(p[1]);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
