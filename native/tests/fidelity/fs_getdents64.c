/* fs_getdents64: getdents64 lists a directory: ".", ".." and the files made, with their types
 * (d_type) and inode numbers (as stat says), in several calls with a small buffer; a buffer too
 * small for one entry is EINVAL; a file is ENOTDIR. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct d64 {
    unsigned long long ino;
    long long off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

int main(void)
{
    char dir[] = "/tmp/fid-dents-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    char name[16];
    for (int i = 0; i < 20; i++) {
        snprintf(name, sizeof name, "f%02d", i);
        close(openat(dfd, name, O_CREAT | O_WRONLY, 0600));
    }
    mkdirat(dfd, "sub", 0700);
    char buf[256];
    int seen = 0, calls = 0, types_ok = 1, inos_ok = 1;
    unsigned long long first_ino = 0;
    long n;
    while ((n = syscall(SYS_getdents64, dfd, buf, sizeof buf)) > 0) {
        calls++;
        for (long off = 0; off < n;) {
            struct d64 *d = (struct d64 *)(buf + off);
            struct stat st;
            fstatat(dfd, d->name, &st, AT_SYMLINK_NOFOLLOW);
            if (d->name[0] == 'f')
                types_ok &= d->type == DT_REG;
            if (strcmp(d->name, "sub") == 0 || d->name[0] == '.')
                types_ok &= d->type == DT_DIR;
            inos_ok &= st.st_ino == d->ino;
            if (d->name[0] == 'f' && !first_ino)
                first_ino = d->ino;
            seen++;
            off += d->reclen;
        }
    }
    OK(n == 0, "getdents64 ends with 0");
    OK(seen == 23, "23 entries: . .. 20 files sub");
    OK(calls > 1, "several calls with a 256-byte buffer");
    OK(types_ok, "d_type right");
    OK(inos_ok, "d_ino is the inode stat reports");
    lseek(dfd, 0, SEEK_SET);
    errno = 0;
    OK(syscall(SYS_getdents64, dfd, buf, 8) == -1 && errno == EINVAL, "an 8-byte buffer: EINVAL");
    int fd = openat(dfd, "f00", O_RDONLY);
    errno = 0;
    OK(syscall(SYS_getdents64, fd, buf, sizeof buf) == -1 && errno == ENOTDIR, "a file: ENOTDIR");
    close(fd);
    SHOW("an inode %llu", first_ino);
    for (int i = 0; i < 20; i++) {
        snprintf(name, sizeof name, "f%02d", i);
        unlinkat(dfd, name, 0);
    }
    unlinkat(dfd, "sub", AT_REMOVEDIR);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
