/* fs_rename_family: rename replaces an existing target (its inode goes), renameat2 RENAME_NOREPLACE
 * refuses one (EEXIST), RENAME_EXCHANGE swaps two names (inodes swap), RENAME_EXCHANGE with a
 * missing name ENOENT, a directory onto a non-empty one ENOTEMPTY, into its own subdirectory
 * EINVAL; mkdir of an existing name EEXIST. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static ino_t ino(int dfd, const char *name)
{
    struct stat st;
    return fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st.st_ino : 0;
}

int main(void)
{
    char dir[] = "/tmp/fid-rename-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    close(openat(dfd, "a", O_CREAT | O_WRONLY, 0600));
    close(openat(dfd, "b", O_CREAT | O_WRONLY, 0600));
    ino_t ia = ino(dfd, "a"), ib = ino(dfd, "b");
    OK(ia && ib && ia != ib, "two files");
    OK(renameat2(dfd, "a", dfd, "b", RENAME_EXCHANGE) == 0, "RENAME_EXCHANGE");
    OK(ino(dfd, "a") == ib && ino(dfd, "b") == ia, "the inodes swapped");
    errno = 0;
    OK(renameat2(dfd, "a", dfd, "b", RENAME_NOREPLACE) == -1 && errno == EEXIST, "RENAME_NOREPLACE onto b: EEXIST");
    errno = 0;
    OK(renameat2(dfd, "a", dfd, "zz", RENAME_EXCHANGE) == -1 && errno == ENOENT, "EXCHANGE with a missing name: ENOENT");
    OK(renameat2(dfd, "a", dfd, "c", RENAME_NOREPLACE) == 0 && ino(dfd, "c") == ib && ino(dfd, "a") == 0, "NOREPLACE to a free name");
    OK(renameat(dfd, "c", dfd, "b") == 0 && ino(dfd, "b") == ib && ino(dfd, "c") == 0, "rename replaces b");
    OK(mkdirat(dfd, "d1", 0700) == 0 && mkdirat(dfd, "d2", 0700) == 0 && mkdirat(dfd, "d2/x", 0700) == 0, "directories");
    errno = 0;
    OK(mkdirat(dfd, "d1", 0700) == -1 && errno == EEXIST, "mkdir existing: EEXIST");
    errno = 0;
    OK(renameat(dfd, "d1", dfd, "d2") == -1 && (errno == ENOTEMPTY || errno == EEXIST), "onto a non-empty dir: ENOTEMPTY");
    errno = 0;
    OK(renameat(dfd, "d2", dfd, "d2/x/y") == -1 && errno == EINVAL, "into its own subdirectory: EINVAL");
    SHOW("inodes %lu %lu", (unsigned long)ia, (unsigned long)ib);
    unlinkat(dfd, "b", 0);
    unlinkat(dfd, "d2/x", AT_REMOVEDIR);
    unlinkat(dfd, "d2", AT_REMOVEDIR);
    unlinkat(dfd, "d1", AT_REMOVEDIR);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
