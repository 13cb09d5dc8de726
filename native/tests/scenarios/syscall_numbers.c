/* syscall_numbers: the syscall numbers a program may pass that are not plain table rows: -1 (no
 * syscall: ENOSYS), a number with garbage in the upper 32 bits of rax (the kernel dispatches on the
 * low 32: 0x1_0000_0027 is getpid), numbers no kernel has, the newest syscalls (cachestat, whose
 * output the recorder must keep), io_uring_setup and bpf (refused while recording: ENOSYS), and
 * ioctl requests: a read whose size is in its number (FS_IOC_GETVERSION), FS_IOC_FIEMAP's trailing
 * extents, and a legacy-looking unknown request. Prints "ok" lines only when the kernel answered
 * as documented; prints values that differ from run to run (pid, inode generation, extents). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static long raw_syscall(uint64_t nr)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr) : "rcx", "r11", "memory");
    return ret;
}

int main(void)
{
    long r = raw_syscall((uint64_t)-1);
    printf("syscall(-1): %s\n", r == -ENOSYS ? "ok ENOSYS" : "WRONG");
    r = raw_syscall(0x100000000ull | SYS_getpid);
    printf("getpid with high bits: %s (pid %ld)\n", r == getpid() ? "ok" : "WRONG", r);
    r = raw_syscall(0xffffffff00000000ull | SYS_getppid);
    printf("getppid with high bits: %s\n", r == getppid() ? "ok" : "WRONG");
    for (uint64_t nr = 1000; nr < 1003; nr++)
        printf("syscall %llu: %s\n", (unsigned long long)nr,
               raw_syscall(nr) == -ENOSYS ? "ok ENOSYS" : "WRONG");
    printf("syscall 0x7fffffff: %s\n", raw_syscall(0x7fffffff) == -ENOSYS ? "ok ENOSYS" : "WRONG");

    char path[] = "/tmp/rewind-syscall-numbers-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    unlink(path);
    char block[8192];
    for (size_t i = 0; i < sizeof block; i++)
        block[i] = (char)(i * 7);
    if (write(fd, block, sizeof block) != (ssize_t)sizeof block || fsync(fd) < 0) {
        perror("write");
        return 1;
    }

    /* cachestat (Linux 6.5): struct cachestat_range in, struct cachestat (5 u64) out */
    uint64_t range[2] = {0, 0};
    uint64_t cs[5];
    memset(cs, 0xab, sizeof cs);
    r = syscall(451, fd, range, cs, 0);
    if (r == 0)
        printf("cachestat: ok, %llu cached pages\n", (unsigned long long)cs[0]);
    else
        printf("cachestat: %s\n", errno == ENOSYS ? "ENOSYS" : strerror(errno));

    long ring = syscall(425 /* io_uring_setup */, 4, calloc(1, 120));
    printf("io_uring_setup: %s\n", ring >= 0 || errno == ENOSYS || errno == EPERM ? "ok" : "WRONG");
    if (ring >= 0)
        close((int)ring);

    int version = -1;
    r = ioctl(fd, FS_IOC_GETVERSION, &version);
    printf("FS_IOC_GETVERSION: %s (%d)\n", r == 0 || errno == ENOTTY || errno == EOPNOTSUPP ? "ok" : "WRONG",
           r == 0 ? version : -1);

    struct {
        struct fiemap map;
        struct fiemap_extent extents[4];
    } fm;
    memset(&fm, 0, sizeof fm);
    fm.map.fm_length = ~0ull;
    fm.map.fm_extent_count = 4;
    r = ioctl(fd, FS_IOC_FIEMAP, &fm);
    if (r == 0)
        printf("FIEMAP: ok, %u extents, first at %llu, flags %#x\n", fm.map.fm_mapped_extents,
               (unsigned long long)fm.extents[0].fe_physical, fm.extents[0].fe_flags);
    else
        printf("FIEMAP: unsupported here (%s)\n", strerror(errno));

    r = ioctl(fd, 0x54ff, 0);
    printf("unknown terminal ioctl on a file: %s\n", r < 0 && errno == ENOTTY ? "ok ENOTTY" : "WRONG");
    close(fd);
    return 0;
}
