/* fs_xattrat: the *xattrat syscalls (6.13+): setxattrat sets a user attribute through a dirfd and
 * struct xattr_args, listxattrat lists it, removexattrat removes it; getxattrat may answer ENOSYS
 * (Rewind refuses it while recording: its outputs are not described yet) or the value. Kernels
 * without them ENOSYS (accepted), file systems without user xattrs EOPNOTSUPP. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SYS_setxattrat_ 463
#define SYS_getxattrat_ 464
#define SYS_listxattrat_ 465
#define SYS_removexattrat_ 466

struct xattr_args_ {
    uint64_t value;
    uint32_t size, flags;
};

int main(void)
{
    char dir[] = "/tmp/fid-xattrat-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    close(openat(dfd, "f", O_CREAT | O_WRONLY, 0600));
    char stamp[32];
    int len = snprintf(stamp, sizeof stamp, "pid %d", getpid());
    struct xattr_args_ args = {(uintptr_t)stamp, (uint32_t)len, 0};
    long r = syscall(SYS_setxattrat_, dfd, "f", 0, "user.fid", &args, sizeof args);
    OK(r == 0 || errno == ENOSYS || errno == EOPNOTSUPP, "setxattrat answered");
    if (r == 0) {
        char names[64];
        memset(names, '#', sizeof names);
        OK(syscall(SYS_listxattrat_, dfd, "f", 0, names, sizeof names) == 9 && strcmp(names, "user.fid") == 0,
           "listxattrat lists user.fid");
        char value[32] = {0};
        struct xattr_args_ get = {(uintptr_t)value, sizeof value, 0};
        long g = syscall(SYS_getxattrat_, dfd, "f", 0, "user.fid", &get, sizeof get);
        OK((g == len && memcmp(value, stamp, len) == 0) || (g == -1 && errno == ENOSYS), "getxattrat: the value, or ENOSYS");
        OK(syscall(SYS_removexattrat_, dfd, "f", 0, "user.fid") == 0, "removexattrat");
        OK(syscall(SYS_listxattrat_, dfd, "f", 0, names, sizeof names) == 0, "nothing listed now");
    }
    SHOW("%s", stamp);
    unlinkat(dfd, "f", 0);
    close(dfd);
    OK(rmdir(dir) == 0, "cleanup");
    return FIDELITY_END();
}
