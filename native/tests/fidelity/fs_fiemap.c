/* fs_fiemap: FS_IOC_FIEMAP on a sparse file (data at 0 and at 1 MiB) fills struct fiemap with the
 * extents: logical offsets that cover the data, FIEMAP_EXTENT_LAST on the last; fm_mapped_extents 0
 * with fm_extent_count 0 counts them; a file system without FIEMAP (EOPNOTSUPP/ENOTTY) passes. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <linux/fiemap.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-fiemap-XXXXXX";
    int fd = mkstemp(path);
    static char block[4096];
    memset(block, 'x', sizeof block);
    OK(fd >= 0 && pwrite(fd, block, sizeof block, 0) == 4096 && pwrite(fd, block, sizeof block, 1 << 20) == 4096,
       "data at 0 and at 1 MiB");
    OK(fsync(fd) == 0, "fsync (extents allocated)");
    struct fiemap count = {.fm_start = 0, .fm_length = ~0ull, .fm_flags = FIEMAP_FLAG_SYNC, .fm_extent_count = 0};
    int r = ioctl(fd, FS_IOC_FIEMAP, &count);
    OK(r == 0 || errno == EOPNOTSUPP || errno == ENOTTY, "FS_IOC_FIEMAP answered");
    if (r == 0) {
        OK(count.fm_mapped_extents >= 1, "counting: at least one extent");
        size_t n = count.fm_mapped_extents + 2;
        struct fiemap *fm = calloc(1, sizeof *fm + n * sizeof(struct fiemap_extent));
        fm->fm_length = ~0ull;
        fm->fm_extent_count = n;
        OK(ioctl(fd, FS_IOC_FIEMAP, fm) == 0 && fm->fm_mapped_extents == count.fm_mapped_extents, "the extents");
        struct fiemap_extent *e = fm->fm_extents;
        unsigned last = fm->fm_mapped_extents - 1;
        OK(e[0].fe_logical == 0 && e[last].fe_logical + e[last].fe_length >= (1 << 20) + 4096, "they cover the data");
        OK(e[last].fe_flags & FIEMAP_EXTENT_LAST, "FIEMAP_EXTENT_LAST on the last");
        SHOW("physical %llx", (unsigned long long)e[0].fe_physical);
        free(fm);
    }
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
