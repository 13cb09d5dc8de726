/* urandom: reading /dev/urandom with open/read and with stdio (fread), the way older code gets
 * random bytes. Replay must give back the recorded bytes without opening the device. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    unsigned char b[24];
    ssize_t n = read(fd, b, sizeof b);
    printf("read %zd bytes: ", n);
    for (int i = 0; i < (int)sizeof b; i++)
        printf("%02x", b[i]);
    printf("\n");
    close(fd);
    FILE *f = fopen("/dev/urandom", "rb");
    unsigned int v[4];
    size_t got = fread(v, sizeof v[0], 4, f);
    fclose(f);
    printf("fread %zu words: %08x %08x %08x %08x\n", got, v[0], v[1], v[2], v[3]);
    return 0;
}
