/* fs_statmount_listmount: listmount (6.8+) lists mount ids under the root (the root's own id
 * among them, as statx's STATX_MNT_ID_UNIQUE says), statmount fills struct statmount (size, the
 * mask asked for, the mount id asked for); kernels without them answer ENOSYS, and EPERM is accepted. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SYS_statmount_ 457
#define SYS_listmount_ 458
#define STATMOUNT_SB_BASIC 0x1
#define STATMOUNT_MNT_BASIC 0x2
#define LSMT_ROOT 0xffffffffffffffffull
#define STATX_MNT_ID_UNIQUE_ 0x4000u

struct mnt_id_req_ {
    uint32_t size, spare;
    uint64_t mnt_id, param;
};

int main(void)
{
    struct mnt_id_req_ req = {.size = 24, .mnt_id = LSMT_ROOT};
    static uint64_t ids[4096];
    long n = syscall(SYS_listmount_, &req, ids, 4096, 0);
    OK(n > 0 || errno == ENOSYS || errno == EPERM, "listmount answered");
    if (n > 0) {
        struct statx sx;
        OK(statx(AT_FDCWD, "/", 0, STATX_MNT_ID_UNIQUE_, &sx) == 0, "statx unique mount id of /");
        int found = !(sx.stx_mask & STATX_MNT_ID_UNIQUE_);
        for (long i = 0; i < n; i++)
            found |= ids[i] == sx.stx_mnt_id;
        OK(found, "the root's mount id is listed (or statx gave none)");
        static uint64_t buf[512];
        memset(buf, 0xee, sizeof buf);
        req.mnt_id = ids[0];
        req.param = STATMOUNT_SB_BASIC | STATMOUNT_MNT_BASIC;
        long r = syscall(SYS_statmount_, &req, buf, sizeof buf, 0);
        uint32_t size = (uint32_t)buf[0];
        OK(r == 0 && size >= 48 && size <= sizeof buf, "statmount: a size");
        OK((buf[1] & 3) == 3 && buf[5] == ids[0], "the mask asked for, the mount id asked for");
        SHOW("mounts %ld first %llu magic %llx", n, (unsigned long long)ids[0], (unsigned long long)buf[3]);
    }
    errno = 0;
    long bad = syscall(SYS_listmount_, &req, ids, 4096, 0x80000000ul);
    OK(bad == -1 && (errno == EINVAL || errno == ENOSYS), "listmount bad flags: EINVAL (or ENOSYS)");
    return FIDELITY_END();
}
