/* fs_getdents_old: the old getdents (78) with struct linux_dirent (d_type in the record's last
 * byte): the names of a directory with two files, the types right, then 0 at the end; seeking the
 * directory back to 0 (lseek) lists it again. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct old_dirent {
    unsigned long ino;
    unsigned long off;
    unsigned short reclen;
    char name[];
};

static int list(int dfd, int *files, int *types_ok, unsigned long *an_ino)
{
    char buf[1024];
    long n, total = 0;
    while ((n = syscall(SYS_getdents, dfd, buf, sizeof buf)) > 0) {
        for (long off = 0; off < n;) {
            struct old_dirent *d = (struct old_dirent *)(buf + off);
            char type = buf[off + d->reclen - 1];
            if (d->name[0] == 'f') {
                (*files)++;
                *types_ok &= type == DT_REG;
                *an_ino = d->ino;
            }
            total++;
            off += d->reclen;
        }
    }
    return n == 0 ? (int)total : -1;
}

int main(void)
{
    char dir[] = "/tmp/fid-olddents-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    close(openat(dfd, "f1", O_CREAT | O_WRONLY, 0600));
    close(openat(dfd, "f2", O_CREAT | O_WRONLY, 0600));
    int files = 0, types_ok = 1;
    unsigned long ino = 0;
    OK(list(dfd, &files, &types_ok, &ino) == 4 && files == 2 && types_ok, "4 entries, 2 regular files");
    OK(lseek(dfd, 0, SEEK_SET) == 0, "lseek the directory to 0");
    files = 0;
    OK(list(dfd, &files, &types_ok, &ino) == 4 && files == 2, "listed again");
    struct stat st;
    fstatat(dfd, "f2", &st, 0);
    OK(ino != 0, "inode numbers given");
    SHOW("an inode %lu, f2 %lu", ino, (unsigned long)st.st_ino);
    unlinkat(dfd, "f1", 0);
    unlinkat(dfd, "f2", 0);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
