/* mem_memfd_seals: memfd_create with MFD_ALLOW_SEALING: F_ADD_SEALS F_SEAL_SHRINK forbids shrinking
 * (EPERM), F_SEAL_GROW growing (EPERM), F_SEAL_WRITE writing (EPERM) and writable shared maps,
 * F_SEAL_SEAL further seals (EPERM); F_GET_SEALS reports them; without MFD_ALLOW_SEALING the file
 * has F_SEAL_SEAL; /proc/self/fd names it "memfd:NAME". */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    int fd = memfd_create("fid-seals", MFD_ALLOW_SEALING | MFD_CLOEXEC);
    OK(fd >= 0, "memfd_create");
    OK(write(fd, "0123456789", 10) == 10, "write 10 bytes");
    OK(fcntl(fd, F_GET_SEALS) == 0, "no seals yet");
    OK(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK) == 0, "F_SEAL_SHRINK");
    errno = 0;
    OK(ftruncate(fd, 5) == -1 && errno == EPERM, "shrinking: EPERM");
    OK(ftruncate(fd, 20) == 0, "growing still works");
    OK(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_WRITE) == 0, "F_SEAL_GROW | F_SEAL_WRITE");
    errno = 0;
    OK(ftruncate(fd, 30) == -1 && errno == EPERM, "growing: EPERM");
    errno = 0;
    OK(pwrite(fd, "x", 1, 0) == -1 && errno == EPERM, "writing: EPERM");
    errno = 0;
    OK(mmap(NULL, 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED && errno == EPERM, "writable shared map: EPERM");
    char *ro = mmap(NULL, 20, PROT_READ, MAP_SHARED, fd, 0);
    OK(ro != MAP_FAILED && memcmp(ro, "0123456789", 10) == 0 && ro[15] == 0, "a read-only map sees the data");
    OK(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL) == 0, "F_SEAL_SEAL");
    errno = 0;
    OK(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE) == -1 && errno == EPERM, "sealing after F_SEAL_SEAL: EPERM");
    OK(fcntl(fd, F_GET_SEALS) == (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL), "F_GET_SEALS reports them");
    int plain = memfd_create("fid-plain", 0);
    OK(fcntl(plain, F_GET_SEALS) == F_SEAL_SEAL, "without MFD_ALLOW_SEALING: F_SEAL_SEAL");
    char link[64], target[64] = {0};
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    OK(n > 0 && strncmp(target, "/memfd:fid-seals", 16) == 0, "named /memfd:fid-seals");
    struct stat st;
    fstat(fd, &st);
    SHOW("inode %lu", (unsigned long)st.st_ino);
    munmap(ro, 20);
    close(plain);
    close(fd);
    return FIDELITY_END();
}
