/* memfd: an anonymous file from memfd_create, written, grown with ftruncate and mapped twice
 * MAP_SHARED, so a store through one mapping shows through the other and through read().
 * Replay must reproduce the shared mapping's behaviour and the file's recorded reads. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

int main(void) {
    int fd = memfd_create("rewind-scenario", MFD_CLOEXEC);
    if (fd < 0)
        return 1;
    unsigned r;
    getrandom(&r, sizeof r, 0);
    char msg[64];
    int len = snprintf(msg, sizeof msg, "memfd random %u", r);
    write(fd, msg, len);
    ftruncate(fd, 8192);
    char *a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *b = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    printf("a=%p b=%p b says: %s\n", (void *)a, (void *)b, b);
    strcpy(a + 4096, "stored through a");
    printf("b sees: %s\n", b + 4096);
    char buf[32] = {0};
    pread(fd, buf, 16, 4096);
    printf("pread sees: %s\n", buf);
    munmap(a, 8192);
    munmap(b, 8192);
    return 0;
}
