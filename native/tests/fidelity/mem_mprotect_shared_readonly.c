/* mem_mprotect_shared_readonly: mprotect(PROT_READ|PROT_WRITE) of a MAP_SHARED mapping of a file
 * opened read-only fails with EACCES (the file's access mode caps the mapping's rights).
 *
 * PENDING: records fine; the replay stops with "replay diverged at event 46: expected
 * mprotect(.., 0x1000, 0x3, ..), got result 0 instead of -13". Diagnosis: mprotect is a REAL row,
 * run for real on the replay's own mapping of the file, which is the replay's read-write shared
 * copy of the recorded content (replay_shared_copy), so the kernel allows PROT_WRITE there. Fix:
 * record whether the mapped fd was writable (and the mount's noexec, for PROT_EXEC) with the mmap
 * event and map the replay's copy with the same rights (open the copy O_RDONLY, or mmap without
 * VM_MAYWRITE via a read-only fd), so that mprotect fails alike. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-mprotro-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0 && ftruncate(fd, 4096) == 0, "a one-page file");
    int ro = open(path, O_RDONLY);
    void *s = mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, 0);
    OK(s != MAP_FAILED, "MAP_SHARED of a read-only fd");
    errno = 0;
    OK(mprotect(s, 4096, PROT_READ | PROT_WRITE) == -1 && errno == EACCES, "mprotect PROT_WRITE: EACCES");
    SHOW("mapped at %p pid %d", s, getpid());
    munmap(s, 4096);
    close(ro);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
