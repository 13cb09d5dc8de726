/* fs_fsxattr_ioctls: file system ioctls that fill structures: FS_IOC_FSGETXATTR (struct fsxattr),
 * FS_IOC_GETVERSION (the inode generation), FS_IOC_GETFSUUID / FS_IOC_GETFSSYSFSPATH (6.8+),
 * FS_IOC_GETFSLABEL; each answers with data or ENOTTY/EOPNOTSUPP/EINVAL (Rewind answers ENOTTY
 * for requests it does not know); what the kernel wrote must be what the program then reads. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <linux/fs.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#ifndef FS_IOC_GETFSUUID
struct fsuuid2 {
    uint8_t len;
    uint8_t uuid[16];
};
#define FS_IOC_GETFSUUID _IOR(0x15, 0, struct fsuuid2)
#endif

static int refused(int r) { return r == -1 && (errno == ENOTTY || errno == EOPNOTSUPP || errno == EINVAL); }

int main(void)
{
    char path[] = "/tmp/fid-fsx-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    struct fsxattr fx;
    memset(&fx, 0xee, sizeof fx);
    int r = ioctl(fd, FS_IOC_FSGETXATTR, &fx);
    OK(r == 0 ? fx.fsx_xflags != 0xeeeeeeee && fx.fsx_nextents != 0xeeeeeeee : refused(r), "FS_IOC_FSGETXATTR answered");
    int gen = 0x7eeeeeee;
    r = ioctl(fd, FS_IOC_GETVERSION, &gen);
    OK(r == 0 || refused(r), "FS_IOC_GETVERSION answered");
    struct fsuuid2 u;
    memset(&u, 0xee, sizeof u);
    r = ioctl(fd, FS_IOC_GETFSUUID, &u);
    OK(r == 0 ? u.len <= 16 : refused(r), "FS_IOC_GETFSUUID answered");
    char label[FSLABEL_MAX];
    memset(label, 0xee, sizeof label);
    r = ioctl(fd, FS_IOC_GETFSLABEL, label);
    OK(r == 0 ? memchr(label, 0, sizeof label) != NULL : refused(r), "FS_IOC_GETFSLABEL answered, NUL-terminated");
    SHOW("generation %d xflags %x uuid %02x%02x", gen, fx.fsx_xflags, u.uuid[0], u.uuid[1]);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
