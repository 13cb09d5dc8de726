/* private_file_shrunk: a file mapped MAP_PRIVATE shrinks under the mapping (ftruncate): its pages
 * past the new end fault natively, but the replay maps the trace's copy of the file as it was,
 * so Rewind stops the recording at the ftruncate, saying why; what came before replays.
 * Tested by UnrecordableEffectsTest. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/rewind-pfs-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ftruncate(fd, 8192) < 0)
        return 1;
    volatile unsigned char *m = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED)
        return 1;
    unlink(path);
    printf("before: %d\n", m[5000]);
    fflush(stdout);
    if (ftruncate(fd, 100) < 0)
        perror("ftruncate");
    printf("after: shrunk\n");
    return 0;
}
