/* fs_xattr: user extended attributes: setxattr/fsetxattr/lsetxattr, getxattr returns the value
 * (size query with a 0 buffer, ERANGE for a small one), listxattr lists the names, XATTR_CREATE on
 * an existing name EEXIST, XATTR_REPLACE on a missing one ENODATA, removexattr. A file system
 * without user xattrs (EOPNOTSUPP on the first set) passes with that answer. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/random.h>
#include <sys/xattr.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-xattr-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    unsigned char val[24];
    getrandom(val, sizeof val, 0);
    int r = setxattr(path, "user.fid.a", val, sizeof val, 0);
    OK(r == 0 || errno == EOPNOTSUPP, "setxattr answered: works or EOPNOTSUPP");
    if (r == 0) {
        OK(fsetxattr(fd, "user.fid.b", "bee", 3, XATTR_CREATE) == 0, "fsetxattr XATTR_CREATE");
        errno = 0;
        OK(setxattr(path, "user.fid.b", "x", 1, XATTR_CREATE) == -1 && errno == EEXIST, "XATTR_CREATE existing: EEXIST");
        errno = 0;
        OK(lsetxattr(path, "user.fid.c", "x", 1, XATTR_REPLACE) == -1 && errno == ENODATA, "XATTR_REPLACE missing: ENODATA");
        unsigned char got[64];
        OK(getxattr(path, "user.fid.a", NULL, 0) == sizeof val, "size query");
        errno = 0;
        OK(getxattr(path, "user.fid.a", got, 4) == -1 && errno == ERANGE, "small buffer: ERANGE");
        memset(got, 0, sizeof got);
        OK(fgetxattr(fd, "user.fid.a", got, sizeof got) == sizeof val && memcmp(got, val, sizeof val) == 0, "fgetxattr: the value");
        OK(lgetxattr(path, "user.fid.b", got, sizeof got) == 3 && memcmp(got, "bee", 3) == 0, "lgetxattr: bee");
        char names[256];
        memset(names, 0, sizeof names);
        ssize_t n = listxattr(path, names, sizeof names);
        int has_a = 0, has_b = 0;
        for (ssize_t i = 0; i < n; i += strlen(names + i) + 1) {
            has_a |= strcmp(names + i, "user.fid.a") == 0;
            has_b |= strcmp(names + i, "user.fid.b") == 0;
        }
        OK(n > 0 && has_a && has_b, "listxattr lists both names");
        OK(flistxattr(fd, NULL, 0) == n, "flistxattr size query");
        OK(fremovexattr(fd, "user.fid.a") == 0 && removexattr(path, "user.fid.b") == 0, "remove both");
        errno = 0;
        OK(getxattr(path, "user.fid.a", got, sizeof got) == -1 && errno == ENODATA, "removed: ENODATA");
        SHOW("value %02x%02x%02x", got[0], val[1], val[2]);
    }
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
