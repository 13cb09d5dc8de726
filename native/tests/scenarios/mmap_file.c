/* mmap_file: maps the file named by argv[1] with mmap (private, read-only) and prints what the
 * mapping holds. The test changes or deletes the file before replay: the recording must carry a
 * copy of the file's bytes, since replay maps memory for real. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: mmap_file PATH\n");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(argv[1]);
        return 1;
    }
    size_t len = st.st_size;
    unsigned char *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    close(fd);
    unsigned sum = 0;
    size_t lines = 0;
    for (size_t i = 0; i < len; i++) {
        sum = sum * 31 + p[i];
        lines += p[i] == '\n';
    }
    printf("mapped %zu bytes at %p, %zu lines, hash %08x\n", len, (void *)p, lines, sum);
    printf("head: %.*s\n", (int)(len < 40 ? len : 40), (const char *)p);
    printf("tail byte: %d\n", len ? p[len - 1] : -1);
    /* a private writable mapping of the same file: copy-on-write pages */
    fd = open(argv[1], O_RDONLY);
    char *w = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    if (w != MAP_FAILED && len > 0) {
        w[0] = '#';
        printf("private copy starts with %.*s\n", (int)(len < 12 ? len : 12), w);
        munmap(w, len);
    }
    munmap(p, len);
    return 0;
}
