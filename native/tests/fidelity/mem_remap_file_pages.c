/* mem_remap_file_pages: remap_file_pages (deprecated, emulated by the kernel with new mappings)
 * makes the first page of a shared file mapping show the file's fourth page; Rewind refuses it
 * while recording (ENOSYS), so the check accepts ENOSYS too (then the page is unchanged). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-rfp-XXXXXX";
    int fd = mkstemp(path);
    static char data[4 * 4096];
    for (int i = 0; i < 4; i++)
        memset(data + i * 4096, 'A' + i, 4096);
    OK(fd >= 0 && write(fd, data, sizeof data) == sizeof data, "a 4-page file: A B C D");
    volatile char *m = mmap(NULL, sizeof data, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    OK(m != MAP_FAILED && m[0] == 'A', "mapped, page 0 is A");
    int r = remap_file_pages((void *)m, 4096, 0, 3, 0);
    OK(r == 0 ? m[0] == 'D' && m[4096] == 'B' : errno == ENOSYS && m[0] == 'A',
       "remap_file_pages: page 0 shows D (or ENOSYS, unchanged)");
    SHOW("mapped at %p pid %d", (void *)m, getpid());
    munmap((void *)m, sizeof data);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
