/* file_changed: reads the file named by argv[1] (open, fstat, read, lseek, stdio) and prints its
 * content and metadata. The test changes or deletes the file between recording and replay: replay
 * must still print what the file held when recorded. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: file_changed PATH\n");
        return 2;
    }
    struct stat st;
    if (stat(argv[1], &st) != 0) {
        perror("stat");
        return 1;
    }
    printf("size %lld ino %llu mtime %lld.%09ld mode %o\n", (long long)st.st_size,
           (unsigned long long)st.st_ino, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
           st.st_mode & 07777);
    int fd = open(argv[1], O_RDONLY);
    char buf[256];
    ssize_t n;
    unsigned sum = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        fwrite(buf, 1, n, stdout);
        for (ssize_t i = 0; i < n; i++)
            sum = sum * 131 + (unsigned char)buf[i];
    }
    printf("\n-- checksum %08x\n", sum);
    off_t end = lseek(fd, 0, SEEK_END);
    lseek(fd, 0, SEEK_SET);
    n = read(fd, buf, 10);
    printf("lseek end %lld, first %zd bytes again: %.*s\n", (long long)end, n, (int)n, buf);
    close(fd);
    FILE *f = fopen(argv[1], "r");
    char line[128];
    if (f && fgets(line, sizeof line, f))
        printf("first line via stdio: %s", line);
    if (f)
        fclose(f);
    printf("access(R_OK)=%d\n", access(argv[1], R_OK));
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("read at %lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
    return 0;
}
