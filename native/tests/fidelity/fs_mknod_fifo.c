/* fs_mknod_fifo: mknodat(S_IFIFO) makes a FIFO (S_ISFIFO), a nonblocking reader opens at once, a
 * nonblocking writer with a reader opens and its bytes reach the reader, a nonblocking writer without
 * a reader ENXIO; mknod of an existing name EEXIST; a regular file through mknodat(S_IFREG). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/fid-fifo-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    OK(mknodat(dfd, "p", S_IFIFO | 0600, 0) == 0, "mknodat S_IFIFO");
    struct stat st;
    OK(fstatat(dfd, "p", &st, 0) == 0 && S_ISFIFO(st.st_mode), "it is a FIFO");
    errno = 0;
    OK(openat(dfd, "p", O_WRONLY | O_NONBLOCK) == -1 && errno == ENXIO, "a writer without a reader: ENXIO");
    int r = openat(dfd, "p", O_RDONLY | O_NONBLOCK);
    OK(r >= 0, "a nonblocking reader opens at once");
    int w = openat(dfd, "p", O_WRONLY | O_NONBLOCK);
    OK(w >= 0, "then a writer opens");
    char stamp[32], buf[32] = {0};
    int len = snprintf(stamp, sizeof stamp, "pid %d", getpid());
    OK(write(w, stamp, len) == len && read(r, buf, sizeof buf) == len && memcmp(buf, stamp, len) == 0, "bytes pass through");
    errno = 0;
    OK(mknodat(dfd, "p", S_IFIFO | 0600, 0) == -1 && errno == EEXIST, "existing name: EEXIST");
    OK(mknodat(dfd, "reg", S_IFREG | 0600, 0) == 0 && fstatat(dfd, "reg", &st, 0) == 0 && S_ISREG(st.st_mode),
       "mknodat S_IFREG makes a file");
    SHOW("%s inode %lu", stamp, (unsigned long)st.st_ino);
    close(w);
    close(r);
    unlinkat(dfd, "p", 0);
    unlinkat(dfd, "reg", 0);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
