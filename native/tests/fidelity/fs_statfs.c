/* fs_statfs: statfs and fstatfs fill struct statfs; the same file system gives the same f_type and
 * f_fsid; /proc is PROC_SUPER_MAGIC; free blocks do not exceed the total; ENOENT for a missing path. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

int main(void)
{
    struct statfs a, b, p;
    memset(&a, 0, sizeof a);
    OK(statfs("/tmp", &a) == 0, "statfs /tmp");
    OK(a.f_bfree <= a.f_blocks && a.f_bavail <= a.f_bfree && a.f_bsize > 0, "free <= total, block size > 0");
    int fd = open("/tmp", O_RDONLY | O_DIRECTORY);
    OK(fstatfs(fd, &b) == 0, "fstatfs /tmp");
    OK(a.f_type == b.f_type && memcmp(&a.f_fsid, &b.f_fsid, sizeof a.f_fsid) == 0, "same type and fsid");
    OK(statfs("/proc", &p) == 0 && p.f_type == PROC_SUPER_MAGIC, "/proc is PROC_SUPER_MAGIC");
    struct statvfs v;
    OK(statvfs("/tmp", &v) == 0 && v.f_bsize == (unsigned long)a.f_bsize, "statvfs agrees");
    errno = 0;
    OK(statfs("/tmp/fid-no-such-dir/x", &p) == -1 && errno == ENOENT, "ENOENT");
    SHOW("type %lx free %lu files %lu", (long)a.f_type, (unsigned long)b.f_bfree, (unsigned long)b.f_ffree);
    close(fd);
    return FIDELITY_END();
}
