/* pread_readv: positioned and vectored I/O on a temporary file it creates with random content:
 * pwrite, pread, writev, readv, preadv, lseek, ftruncate, fsync, then unlink. Replay must fill
 * every iovec from the recording and must not create or remove the file. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
    char path[] = "/tmp/rewind-pread-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    unsigned char data[4096];
    getrandom(data, sizeof data, 0);
    ssize_t w = pwrite(fd, data, sizeof data, 0);
    char a[10] = "AAAAAAAAA", b[20] = "BBBBBBBBBBBBBBBBBBB";
    struct iovec wv[2] = {{a, 9}, {b, 19}};
    ssize_t wv_n = pwritev(fd, wv, 2, 4096);
    printf("temp file %s pwrite %zd pwritev %zd\n", path, w, wv_n);
    unsigned char x[16];
    ssize_t r = pread(fd, x, sizeof x, 100);
    printf("pread(100) %zd:", r);
    for (int i = 0; i < 16; i++)
        printf(" %02x", x[i]);
    printf("\n");
    char p1[5] = {0}, p2[30] = {0};
    struct iovec rv[2] = {{p1, 4}, {p2, 25}};
    lseek(fd, 4096 - 4, SEEK_SET);
    r = readv(fd, rv, 2);
    printf("readv %zd: first %02x%02x%02x%02x then %s\n", r, (unsigned char)p1[0],
           (unsigned char)p1[1], (unsigned char)p1[2], (unsigned char)p1[3], p2);
    r = preadv(fd, rv, 2, 4100);
    printf("preadv %zd: %.4s|%s\n", r, p1, p2);
    ftruncate(fd, 50);
    fsync(fd);
    printf("size after ftruncate %lld\n", (long long)lseek(fd, 0, SEEK_END));
    close(fd);
    printf("unlink %d\n", unlink(path));
    return 0;
}
